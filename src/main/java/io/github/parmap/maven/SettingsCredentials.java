package io.github.parmap.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The user name and password of a {@code <server>} in settings.xml, decrypted.
 *
 * @param username the user name, or {@code null}
 * @param password the decrypted password, or {@code null}
 */
record SettingsCredentials(String username, String password) {
    static final SettingsCredentials NONE = new SettingsCredentials(null, null);

    /**
     * @param serverId the {@code <server>}'s id
     * @param purpose what the credentials are for, for messages, such as "the remote cache"
     * @return the server's credentials, or {@link #NONE} when settings.xml has no such server
     * @throws MojoExecutionException if the server's password cannot be decrypted
     */
    static SettingsCredentials of(MavenSession session, SettingsDecrypter decrypter, String serverId, String purpose, Log log)
            throws MojoExecutionException {
        Settings settings = session == null ? null : session.getSettings();
        Server server = settings == null || serverId == null ? null : settings.getServer(serverId);
        if (server == null) {
            log.debug("No <server> with id " + serverId + " in settings.xml: no credentials for " + purpose);
            return NONE;
        }
        if (decrypter != null) {
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : result.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new MojoExecutionException("The password of <server> " + serverId + " in settings.xml, for " + purpose
                            + ", could not be decrypted: " + problem.getMessage());
                }
            }
            if (result.getServer() != null) {
                server = result.getServer();
            }
        }
        return new SettingsCredentials(server.getUsername(), server.getPassword());
    }
}
