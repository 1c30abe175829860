package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.IncrementalProject.Build;
import io.github.parmap.engine.commit.CommittedOutput;
import io.github.parmap.engine.commit.StagingArea;
import io.github.parmap.engine.state.BuildState;
import io.github.parmap.engine.state.StateEntry;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A state that is missing, damaged or not ours never breaks a build: it costs a full rebuild and one warning. */
class DamagedStateTest {

    @TempDir
    Path root;

    private IncrementalProject project;

    @BeforeEach
    void createProject() {
        project = new IncrementalProject(root.resolve("project"));
        project.write("a.txt", "a\nalso: index/a.idx\n");
        project.write("sub/b.txt", "b");
        project.write("c.txt", "c");
    }

    /** Ways a state file can be found damaged. */
    enum Damage {
        EMPTY {
            @Override
            byte[] apply(byte[] state) {
                return new byte[0];
            }
        },
        CUT_TO_A_FEW_BYTES {
            @Override
            byte[] apply(byte[] state) {
                return Arrays.copyOf(state, 5);
            }
        },
        CUT_IN_HALF {
            @Override
            byte[] apply(byte[] state) {
                return Arrays.copyOf(state, state.length / 2);
            }
        },
        LAST_BYTE_MISSING {
            @Override
            byte[] apply(byte[] state) {
                return Arrays.copyOf(state, state.length - 1);
            }
        },
        BYTE_FLIPPED_IN_THE_MIDDLE {
            @Override
            byte[] apply(byte[] state) {
                byte[] damaged = state.clone();
                damaged[damaged.length / 2] ^= 0x10;
                return damaged;
            }
        },
        BYTE_FLIPPED_IN_THE_CHECKSUM {
            @Override
            byte[] apply(byte[] state) {
                byte[] damaged = state.clone();
                damaged[damaged.length - 1] ^= 0x01;
                return damaged;
            }
        },
        TEXT_OF_ANOTHER_TOOL {
            @Override
            byte[] apply(byte[] state) {
                return "{\"files\": {}}\n".getBytes(StandardCharsets.UTF_8);
            }
        },
        WRONG_MAGIC_WITH_A_VALID_CHECKSUM {
            @Override
            byte[] apply(byte[] state) {
                byte[] body = body(state);
                // writeUTF: two length bytes, then "parmap-state"
                body[2] = 'P';
                return withChecksum(body);
            }
        },
        OTHER_FORMAT_VERSION_WITH_A_VALID_CHECKSUM {
            @Override
            byte[] apply(byte[] state) {
                byte[] body = body(state);
                int versionAt = 2 + "parmap-state".length();
                ByteBuffer.wrap(body, versionAt, Integer.BYTES).putInt(BuildState.FORMAT_VERSION + 1);
                return withChecksum(body);
            }
        },
        IMPLAUSIBLE_COUNT_WITH_A_VALID_CHECKSUM {
            @Override
            byte[] apply(byte[] state) {
                byte[] body = body(state);
                // the header is magic, version and configuration; the entry count follows
                int configurationAt = 2 + "parmap-state".length() + Integer.BYTES;
                int countAt = configurationAt + 2 + ByteBuffer.wrap(body, configurationAt, 2).getShort();
                ByteBuffer.wrap(body, countAt, Integer.BYTES).putInt(Integer.MAX_VALUE);
                return withChecksum(body);
            }
        };

        abstract byte[] apply(byte[] state);

        static byte[] body(byte[] state) {
            return Arrays.copyOf(state, state.length - Long.BYTES);
        }

        static byte[] withChecksum(byte[] body) {
            CRC32 crc = new CRC32();
            crc.update(body);
            return ByteBuffer.allocate(body.length + Long.BYTES).put(body).putLong(crc.getValue()).array();
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void damagedStateFileMeansAFullRebuildWithOneWarning(Damage damage) throws Exception {
        project.build();
        Map<String, String> outputs = project.outputs();
        Path snapshot = project.state.resolve(BuildState.SNAPSHOT);
        Files.write(snapshot, damage.apply(Files.readAllBytes(snapshot)));

        Build rebuild = project.build();

        assertTrue(rebuild.result().succeeded());
        assertEquals(List.of("a.txt", "c.txt", "sub/b.txt"), rebuild.processed());
        assertEquals(1, rebuild.warnings().size(), rebuild.warnings().toString());
        String warning = rebuild.warnings().get(0);
        assertTrue(warning.startsWith("The incremental build state in " + project.state + " cannot be used ("), warning);
        assertTrue(warning.endsWith("); every file is processed again"), warning);
        assertEquals(outputs, project.outputs());

        Build next = project.build();
        assertEquals(List.of(), next.processed(), "the rebuild wrote a good state");
        assertEquals(List.of(), next.warnings());
    }

    /** The state loads beside the scan, on a thread of its own; its failure must still end the run, as it is. */
    @Test
    void stateDirectoryThatCannotBeCreatedFailsTheRunBeforeAnyOutput() throws Exception {
        Files.createDirectories(project.state.getParent());
        Files.writeString(project.state, "a file where the state directory belongs");

        IOException failure = assertThrows(IOException.class, project::build);

        assertTrue(failure.toString().contains(project.state.toString()), failure.toString());
        assertFalse(Files.exists(project.output.resolve("a.txt")), "no item ran");
        assertEquals("a file where the state directory belongs", Files.readString(project.state));
    }

    @Test
    void stateOfAnotherFormatVersionSaysWhichVersionItIs() throws Exception {
        project.build();
        Path snapshot = project.state.resolve(BuildState.SNAPSHOT);
        Files.write(snapshot, Damage.OTHER_FORMAT_VERSION_WITH_A_VALID_CHECKSUM.apply(Files.readAllBytes(snapshot)));

        Build rebuild = project.build();

        assertTrue(rebuild.warnings().get(0).contains("written in format " + (BuildState.FORMAT_VERSION + 1)
                + ", this version reads format " + BuildState.FORMAT_VERSION), rebuild.warnings().get(0));
    }

    @Test
    void stateFileThatCannotBeReadMeansAFullRebuildWithOneWarning() throws Exception {
        project.build();
        Path snapshot = project.state.resolve(BuildState.SNAPSHOT);
        Files.delete(snapshot);
        Files.createDirectory(snapshot); // reading it fails with an I/O error, as for a file without read permission

        Build rebuild = project.build();

        assertTrue(rebuild.result().succeeded());
        assertEquals(List.of("a.txt", "c.txt", "sub/b.txt"), rebuild.processed());
        assertEquals(1, rebuild.warnings().size(), rebuild.warnings().toString());
        assertEquals(List.of(), project.build().processed());
    }

    @Test
    void journalThatCannotBeReadMeansAFullRebuildWithOneWarning() throws Exception {
        project.build();
        Files.createDirectory(project.state.resolve(BuildState.JOURNAL));

        Build rebuild = project.build();

        assertTrue(rebuild.result().succeeded());
        assertEquals(List.of("a.txt", "c.txt", "sub/b.txt"), rebuild.processed());
        assertEquals(1, rebuild.warnings().size(), rebuild.warnings().toString());
        assertEquals(List.of(), project.build().processed());
    }

    @Test
    void missingStateFileMeansAFullRebuildWithoutAWarningLikeAFirstBuild() throws Exception {
        project.build();
        Map<String, String> outputs = project.outputs();
        Files.delete(project.state.resolve(BuildState.SNAPSHOT));

        Build rebuild = project.build();

        assertTrue(rebuild.result().succeeded());
        assertEquals(List.of("a.txt", "c.txt", "sub/b.txt"), rebuild.processed());
        assertEquals(List.of(), rebuild.warnings());
        assertEquals(outputs, project.outputs());
    }

    @Test
    void journalWithATornLastRecordKeepsTheItemsRecordedBeforeIt() throws Exception {
        project.workers(1).build();
        project.write("a.txt", "a, edited\n");
        project.write("c.txt", "fail");
        project.write("sub/b.txt", "b, edited\n");
        // a fail-fast build stops at c.txt and leaves its journal, as a killed build does
        Build stopped = project.failFast(true).build();
        assertEquals(List.of("a.txt", "c.txt"), stopped.processed());
        Path journal = project.state.resolve(BuildState.JOURNAL);
        byte[] records = Files.readAllBytes(journal);
        Files.write(journal, Arrays.copyOf(records, records.length - 3)); // tear the last record, the one of c.txt

        project.write("c.txt", "c, fixed\n");
        Build next = project.failFast(false).build();

        assertEquals(List.of("c.txt", "sub/b.txt"), next.processed(), "a.txt was recorded before the torn record");
        assertEquals(List.of(), next.warnings());
        assertEquals(cleanBuildOutputs(), project.outputs());
    }

    @Test
    void damagedEntryNamingOutputsOutsideTheOutputDirectoryNeverDeletesThere() throws Exception {
        Path besideOutput = Trees.write(root, "project/victim.txt", "beside the output directory");
        Path farAway = Trees.write(root, "far/victim.txt", "far away");
        Path staging = Trees.write(project.output, StagingArea.DIRECTORY_NAME + "/keep.txt", "in the staging directory");
        try (BuildState state = BuildState.open(project.state, project.configurationFingerprint(), RunLog.silent())) {
            state.put(new StateEntry("a.txt", 999, 1, new byte[32], List.of(
                    new CommittedOutput("../victim.txt", 27, 0),
                    new CommittedOutput("sub/../../victim.txt", 27, 0),
                    new CommittedOutput(farAway.toString(), 8, 0))));
            state.put(new StateEntry("gone.txt", 1, 1, new byte[32], List.of(
                    new CommittedOutput("../../far/victim.txt", 8, 0),
                    new CommittedOutput(StagingArea.DIRECTORY_NAME + "/keep.txt", 24, 0))));
            state.commit();
        }

        Build build = project.build();

        assertTrue(build.result().succeeded());
        assertEquals(0, build.result().removed());
        assertEquals("beside the output directory", Files.readString(besideOutput));
        assertEquals("far away", Files.readString(farAway));
        assertEquals("in the staging directory", Files.readString(staging));
    }

    private Map<String, String> cleanBuildOutputs() throws Exception {
        IncrementalProject clean = new IncrementalProject(project.input, root.resolve("clean/out"), root.resolve("clean/state"));
        clean.build();
        return clean.outputs();
    }
}
