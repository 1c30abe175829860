// Credentials stay with the origin the user configured: every request to the configured server carries
// them, none of those the redirect sends to the other server does, and the builds push and restore through
// the redirect all the same. The password appears in no log, not even with -X. A plain http:// cache on
// another host fails the build before any item, naming the parameters.
Properties builds = new Properties()
new File(basedir, 'builds.properties').withInputStream { builds.load(it) }
String push = new File(basedir, 'push-build.log').getText('UTF-8')
String restore = new File(basedir, 'restore-build.log').getText('UTF-8')
String insecure = new File(basedir, 'insecure-build.log').getText('UTF-8')

assert builds.push == '0' : push
assert builds.restore == '0' : restore
assert builds.storedEntries == '3' : builds
assert (builds.originRequests as int) > 0
assert builds.originRequestsWithCredentials == builds.originRequests : builds
assert (builds.otherRequests as int) > 0
assert builds.otherRequestsWithCredentials == '0' : builds

def withheld = ~/(?m)^\[WARNING\] Remote cache http:\/\/127\.0\.0\.1:\d+\/cache\/ redirects to http:\/\/localhost:\d+, another server: following without the credentials, which go only to http:\/\/127\.0\.0\.1:\d+$/
assert (push =~ withheld).count == 1 : push
assert (restore =~ withheld).count == 1 : restore
assert restore =~ /(?m), 0 restored from the local cache, 3 from the remote cache/ : restore
['index.html.gz', 'about.html.gz', 'css/site.css.gz'].each {
    assert new File(basedir, "target/generated-resources/parmap/${it}").isFile() : it
}

assert builds.insecure != '0' : insecure
assert insecure.contains("<remoteCacheUrl> must be an https:// URL when credentials are configured for it") : insecure
assert insecure.contains('<remoteCacheAllowInsecureProtocol>') : insecure

String encoded = Base64.encoder.encodeToString("ci:${builds.password}".toString().getBytes('UTF-8'))
[push, restore, insecure].each { log ->
    assert !log.contains(builds.password) && !log.contains(encoded) : 'the password is in a log'
}
true
