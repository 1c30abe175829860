// Under -T 4, six modules each run parmap with <workers>2</workers> over ten files. InFlightProbe keeps its
// counters in statics of the plugin's class loader, which all modules share, and writes into each output the
// highest number of items it has seen in flight in this JVM. Every module's outputs are its own and correct,
// and the peak never exceeded the shared budget: the larger of the core count and 2. The build JVM runs on
// this machine, so it sees the same core count as this script.

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
assert log =~ /Using the MultiThreadedBuilder implementation with a thread count of 4/

int cores = Runtime.runtime.availableProcessors()
int budget = Math.max(cores, 2)

def probes = []
(1..6).each { module ->
    File out = new File(basedir, "module-${module}/target/generated-resources/parmap")
    def expected = (1..10).collect { item -> item % 3 == 0 ? "sub/item-${item}.txt" : "item-${item}.txt" }
    def found = []
    out.eachFileRecurse { file ->
        if (file.isFile()) {
            found << out.toPath().relativize(file.toPath()).toString().replace(File.separatorChar, '/' as char)
        }
    }
    assert found.sort() == expected.sort() : "outputs of module-${module}: ${found}"
    expected.each { relative ->
        Map<String, String> probe = new File(out, relative).readLines('UTF-8').collectEntries { line ->
            int equals = line.indexOf('=')
            [(line.substring(0, equals)): line.substring(equals + 1)]
        }
        String item = relative.replaceAll(/.*item-(\d+)\.txt/, '$1')
        assert probe.content == "MODULE-${module} ITEM ${item}".toString() : "module-${module}/${relative}: ${probe}"
        probes << probe
    }
}
assert (log =~ /(?m)^\[INFO\] Processed 10 of 10 files in .*, 0 failed$/).count == 6

// One class loader for all modules: one budget, and one set of probe counters that saw every item.
assert probes*.jvm.toSet().size() == 1 : "the modules did not share the plugin's class loader: ${probes*.jvm.toSet()}"

int peak = probes.collect { it.peak as int }.max()
int runsAtOnce = probes.collect { it.runsAtOnce as int }.max()
println "reactor-budget: ${cores} cores, budget ${budget}; peak items in flight ${peak}, runs with items in flight at once ${runsAtOnce}"
assert peak <= budget : "${peak} items were in flight at once across the JVM; the budget is ${budget}"
