package io.github.parmap.maven;

import io.github.parmap.engine.support.RunLog;
import java.lang.System.Logger.Level;
import org.apache.maven.plugin.logging.Log;

/** Sends engine and processor messages to the mojo's log, one whole message at a time. */
final class MavenRunLog implements RunLog {
    private final Log log;
    private final Object lock = new Object();

    MavenRunLog(Log log) {
        this.log = log;
    }

    @Override
    public boolean isEnabled(Level level) {
        switch (level) {
            case ALL:
            case TRACE:
            case DEBUG:
                return log.isDebugEnabled();
            case INFO:
                return log.isInfoEnabled();
            case WARNING:
                return log.isWarnEnabled();
            case ERROR:
                return log.isErrorEnabled();
            default:
                return false;
        }
    }

    @Override
    public void log(Level level, String message, Throwable thrown) {
        synchronized (lock) {
            switch (level) {
                case ALL:
                case TRACE:
                case DEBUG:
                    log.debug(message, thrown);
                    break;
                case INFO:
                    log.info(message, thrown);
                    break;
                case WARNING:
                    log.warn(message, thrown);
                    break;
                case ERROR:
                    log.error(message, thrown);
                    break;
                default:
                    break;
            }
        }
    }
}
