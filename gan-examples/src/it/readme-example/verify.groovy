// Checks what the two runs of README's example (invoker.properties) left behind: each trained on
// the backend its profile put on the class path, for the iterations the example asks for, and
// wrote one metrics.csv row per iteration with finite losses.

def fail = { String why -> throw new IllegalStateException(why) }
String log = new File(basedir, 'build.log').getText('UTF-8')

for (backend in ['cpu', 'djl']) {
    def done = log =~ /Trained (\d+) iterations on the (\w+) backend/
    def runs = done.collect { [it[1] as long, it[2]] }.findAll { it[1] == backend }
    if (runs.size() != 1) {
        fail("README's example should have reported one finished run on the ${backend} backend; build.log has ${runs.size()}"
                + " (the runs it reports: ${done.collect { it[0] }})")
    }
    long iterations = runs[0][0]
    File csv = new File(basedir, "target/run-${backend}/metrics.csv")
    if (!csv.isFile()) {
        fail("The ${backend} run wrote no ${csv}")
    }
    def lines = csv.readLines('UTF-8').findAll { !it.isBlank() }
    if (!lines[0].startsWith('iteration,') || lines.size() - 1 != iterations) {
        fail("${csv} should have a header and ${iterations} rows; it has ${lines.size()} lines starting with ${lines[0]}")
    }
    List<String> header = lines[0].split(',') as List
    int dLoss = header.indexOf('d_loss'), gLoss = header.indexOf('g_loss')
    if (dLoss < 0 || gLoss < 0) {
        fail("${csv}'s header has no d_loss or g_loss column: ${lines[0]}")
    }
    for (row in lines.drop(1)) {
        List<String> cells = row.split(',', -1) as List
        for (int c in [dLoss, gLoss]) {
            double v = cells[c] as double
            if (v.isNaN() || v.isInfinite()) {
                fail("${csv} has a non-finite ${header[c]} in row ${row}")
            }
        }
    }
    println "README's example on ${backend}: ${iterations} iterations, metrics.csv complete and finite"
}
return true
