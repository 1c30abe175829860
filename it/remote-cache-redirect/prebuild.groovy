// Starts two remote cache servers on loopback ports and runs three real Maven builds of this project, each
// in a process of its own, with the Maven and local repository of the invoker's own builds and a copy of
// its settings that holds credentials for the cache (<server> parmap-cache):
//   push-build.log     pushes through the configured server, which redirects every request to the other
//   restore-build.log  after the outputs are deleted, restores every file through the same redirect
//   insecure-build.log a plain http:// cache on another host, which must refuse to send the credentials
// What each server saw, and the exit codes, go to builds.properties for verify.groovy.
import com.sun.net.httpserver.HttpServer
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

String password = 'It-Secret-42'
long patienceSeconds = 300

def loopback = InetAddress.getLoopbackAddress()
def stored = new ConcurrentHashMap<String, byte[]>()
def originAuthorizations = new CopyOnWriteArrayList<String>()
def otherAuthorizations = new CopyOnWriteArrayList<String>()

HttpServer other = HttpServer.create(new InetSocketAddress(loopback, 0), 0)
other.executor = Executors.newFixedThreadPool(4)
other.createContext('/') { exchange ->
    otherAuthorizations << (exchange.requestHeaders.getFirst('Authorization') ?: '')
    String path = exchange.requestURI.path
    if (exchange.requestMethod == 'PUT') {
        stored[path] = exchange.requestBody.bytes
        exchange.sendResponseHeaders(201, -1)
    } else if (stored.containsKey(path)) {
        byte[] body = stored[path]
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length)
        exchange.responseBody.write(body)
    } else {
        exchange.sendResponseHeaders(404, -1)
    }
    exchange.close()
}
other.start()

HttpServer origin = HttpServer.create(new InetSocketAddress(loopback, 0), 0)
origin.executor = Executors.newFixedThreadPool(4)
origin.createContext('/') { exchange ->
    originAuthorizations << (exchange.requestHeaders.getFirst('Authorization') ?: '')
    exchange.requestBody.bytes
    // "localhost" and another port: another origin than the configured 127.0.0.1.
    exchange.responseHeaders.set('Location', "http://localhost:${other.address.port}${exchange.requestURI.rawPath}".toString())
    exchange.sendResponseHeaders(307, -1)
    exchange.close()
}
origin.start()

File settings = new File(basedir, 'settings-with-credentials.xml')
String invokerSettings = new File(basedir.parentFile, 'interpolated-settings.xml').getText('UTF-8')
settings.setText(invokerSettings.replaceFirst('<settings>', """<settings>
  <servers>
    <server>
      <id>parmap-cache</id>
      <username>ci</username>
      <password>${password}</password>
    </server>
  </servers>""".toString()), 'UTF-8')

int build(String name, List<String> arguments) {
    File mvn = new File(forkMavenHome, 'bin/mvn')
    List<String> command = [mvn.path, '-B', '-s', new File(basedir, 'settings-with-credentials.xml').path,
            "-Dmaven.repo.local=${localRepositoryPath}".toString(), '-Daether.remoteRepositoryFilter.prefixes=false'] + arguments
    ProcessBuilder builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
            .redirectOutput(new File(basedir, "${name}.log"))
    builder.environment().put('JAVA_HOME', System.getProperty('java.home'))
    Process process = builder.start()
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly()
        throw new AssertionError("${name} did not finish")
    }
    return process.exitValue()
}

String cacheUrl = "http://127.0.0.1:${origin.address.port}/cache/"
try {
    // -X: not even the debug log may show the password.
    int push = build('push-build', ['-X', 'generate-resources', "-Dparmap.remoteCacheUrl=${cacheUrl}".toString(), '-Dparmap.remoteCachePush=true'])
    new File(basedir, 'target').deleteDir()
    int restore = build('restore-build', ['generate-resources', "-Dparmap.remoteCacheUrl=${cacheUrl}".toString()])
    int insecure = build('insecure-build', ['generate-resources', '-Dparmap.remoteCacheUrl=http://cache.example.com/parmap/'])
    new File(basedir, 'builds.properties').text = """push=${push}
restore=${restore}
insecure=${insecure}
password=${password}
originRequests=${originAuthorizations.size()}
originRequestsWithCredentials=${originAuthorizations.count { it.startsWith('Basic ') }}
otherRequests=${otherAuthorizations.size()}
otherRequestsWithCredentials=${otherAuthorizations.count { !it.isEmpty() }}
storedEntries=${stored.keySet().count { it.contains('/manifests/') }}
""".toString()
} finally {
    origin.stop(0)
    other.stop(0)
    origin.executor.shutdownNow()
    other.executor.shutdownNow()
}
true
