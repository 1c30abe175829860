package io.github.parmap.engine.cache;

import io.github.parmap.engine.support.Units;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A deadline for one HTTP exchange that moves with its bytes: the exchange may take as long as it needs
 * while data flows either way, and is given up when nothing has moved for the timeout. The JDK's request
 * timeout stops at the response headers; a server that sends headers and then stalls, or stops reading an
 * upload, would otherwise hold a worker forever.
 */
public final class TransferWatch {
    private final long timeoutNanos;
    private volatile long lastActivity = System.nanoTime();

    TransferWatch(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Thrown when nothing moved for the timeout. */
    static final class StalledException extends IOException {
        private static final long serialVersionUID = 1L;

        StalledException(String message) {
            super(message);
        }
    }

    private void moved() {
        lastActivity = System.nanoTime();
    }

    /** @return the request body, marking each buffer the client takes from it as activity */
    HttpRequest.BodyPublisher watch(HttpRequest.BodyPublisher body) {
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return body.contentLength();
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                body.subscribe(new Flow.Subscriber<ByteBuffer>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscriber.onSubscribe(subscription);
                    }

                    @Override
                    public void onNext(ByteBuffer item) {
                        moved();
                        subscriber.onNext(item);
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        subscriber.onError(throwable);
                    }

                    @Override
                    public void onComplete() {
                        subscriber.onComplete();
                    }
                });
            }
        };
    }

    /**
     * @param handler reads the body of a 200 answer; any other answer's body is discarded, its value
     *     {@code null}
     * @param maxBytes a 200 body longer than this fails the exchange
     * @return the handler, marking the headers and each received buffer as activity
     */
    <T> HttpResponse.BodyHandler<T> watch(HttpResponse.BodyHandler<T> handler, long maxBytes) {
        return info -> {
            moved();
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            HttpResponse.BodySubscriber<T> body = handler.apply(info);
            return new HttpResponse.BodySubscriber<T>() {
                private Flow.Subscription subscription;
                private long received;

                @Override
                public CompletionStage<T> getBody() {
                    return body.getBody();
                }

                @Override
                public void onSubscribe(Flow.Subscription value) {
                    subscription = value;
                    body.onSubscribe(value);
                }

                @Override
                public void onNext(List<ByteBuffer> buffers) {
                    moved();
                    for (ByteBuffer buffer : buffers) {
                        received += buffer.remaining();
                    }
                    if (received > maxBytes) {
                        subscription.cancel();
                        body.onError(new IOException("the answer is longer than " + maxBytes + " bytes"));
                        return;
                    }
                    body.onNext(buffers);
                }

                @Override
                public void onError(Throwable throwable) {
                    body.onError(throwable);
                }

                @Override
                public void onComplete() {
                    body.onComplete();
                }
            };
        };
    }

    /**
     * Waits for the exchange, cancelling it once nothing has moved for the timeout.
     *
     * @param what the exchange, for the message, such as {@code GET http://…}
     * @throws StalledException when it stalled
     */
    <T> T await(CompletableFuture<T> exchange, String what) throws IOException, InterruptedException {
        while (true) {
            long left = timeoutNanos - (System.nanoTime() - lastActivity);
            if (left <= 0) {
                exchange.cancel(true);
                throw new StalledException("stalled: nothing was sent or received for " + Units.duration(Duration.ofNanos(timeoutNanos))
                        + " during " + what);
            }
            try {
                return exchange.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                // look at the last activity again
            } catch (InterruptedException e) {
                exchange.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IOException(cause);
            }
        }
    }
}
