package io.orderstream.redis;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.redisson.api.RFuture;

/**
 * Waits for one asynchronous Redisson call, for a bounded time. Callers never hang on a Redis that
 * is gone: a call that has not answered in time is cancelled and reported as failed.
 */
public final class RedisCall {
    private RedisCall() {
    }

    /**
     * The call's result, waiting at most {@code limit}.
     *
     * @param call  the call in flight
     * @param limit longest wait
     * @param <T>   result type
     * @return the result
     * @throws RedisCallException   when Redis answered with an error, could not be reached, or did
     *                              not answer in time
     * @throws InterruptedException when the waiting thread is interrupted; the call is cancelled
     */
    public static <T> T await(RFuture<T> call, Duration limit) throws InterruptedException {
        try {
            return call.toCompletableFuture().get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RedisCallException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (TimeoutException e) {
            call.cancel(false);
            throw new RedisCallException("No answer from Redis within " + limit.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            call.cancel(false);
            throw e;
        }
    }
}
