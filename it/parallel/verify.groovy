// With 2 workers, items really run at the same time; with -Dparmap.workers=1, strictly one at a time.
// The ConcurrencyProbe holds every item until a second one joins it (or 500 ms pass) and writes, per item,
// the highest number of items in flight it saw ("peak=N") and the worker that ran it.

String log = new File(basedir, 'build.log').getText('UTF-8')

Map<String, Map<String, String>> probe(String folder) {
    File dir = new File(basedir, folder)
    def outputs = [:]
    dir.eachFile { file ->
        if (file.isFile()) {
            outputs[file.name] = file.readLines().collectEntries { line -> line.tokenize('=') }
        }
    }
    assert outputs.keySet().sort() == (1..6).collect { "item-${it}.txt".toString() } : "outputs in ${dir}: ${outputs.keySet()}"
    return outputs
}

def parallel = probe('target/snapshot/workers-2')
assert parallel.values().collect { it.peak as int }.max() == 2 : "with 2 workers no two items overlapped: ${parallel}"
assert parallel.values().collect { it.worker }.toSet() == ['0', '1'] as Set : "both workers should take items: ${parallel}"
assert parallel.values().every { it.workers == '2' }

def serial = probe('target/probe/workers-1')
assert serial.values().every { it.peak == '1' } : "-Dparmap.workers=1 still overlapped items: ${serial}"
assert serial.values().every { it.worker == '0' && it.workers == '1' }

assert log =~ /(?m)^\[INFO\] Processing 6 files from src[\/\\]main[\/\\]items to target[\/\\]probe[\/\\]workers-2 with \S+ConcurrencyProbe on 2 workers$/
assert log =~ /(?m)^\[INFO\] Processing 6 files from src[\/\\]main[\/\\]items to target[\/\\]probe[\/\\]workers-1 with \S+ConcurrencyProbe on 1 worker$/

assert !new File(basedir, 'target/probe/workers-2').list() : 'the serial build removed the outputs it no longer writes there'
