package io.orderstream.redis;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/**
 * Waits for one asynchronous Redisson call, for a bounded time. Callers never hang on a Redis that
 * is gone: a call that has not answered in time is cancelled and reported as failed.
 */
public final class RedisCall {
    private RedisCall() {
    }

    /**
     * The call's result, waiting at most {@code limit}; for waits a caller may want to cut short,
     * such as a blocking read.
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
            throw failed(e);
        } catch (TimeoutException e) {
            throw timedOut(call, limit, e);
        } catch (InterruptedException e) {
            call.cancel(false);
            throw e;
        }
    }

    /**
     * The call's result, waiting at most {@code limit} even when interrupted meanwhile; for short
     * calls that should finish once sent, such as an acknowledgement or a publish. The thread's
     * interrupt status is kept.
     *
     * @param call  the call in flight
     * @param limit longest wait
     * @param <T>   result type
     * @return the result
     * @throws RedisCallException when Redis answered with an error, could not be reached, or did
     *                            not answer in time
     */
    public static <T> T awaitFinish(RFuture<T> call, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return call.toCompletableFuture().get(Math.max(0, deadline - System.nanoTime()),
                                                          TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw failed(e);
                } catch (TimeoutException e) {
                    throw timedOut(call, limit, e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Checks that Redis answers now: one {@code PING}, waiting at most {@code limit}.
     *
     * @param client the client to ask through
     * @param limit  longest wait
     * @throws RedisCallException when Redis could not be reached or did not answer in time
     */
    public static void ping(RedissonClient client, Duration limit) {
        RFuture<Boolean> pong;
        try {
            pong = client.getRedisNodes(RedisNodes.SINGLE).getInstance().pingAsync(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // Redisson may fail before sending when it has no connection at all.
            throw new RedisCallException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        if (!Boolean.TRUE.equals(awaitFinish(pong, limit))) {
            throw new RedisCallException("Redis did not answer PING within " + limit.toMillis() + " ms", null);
        }
    }

    private static RedisCallException failed(ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new RedisCallException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    }

    private static RedisCallException timedOut(RFuture<?> call, Duration limit, TimeoutException e) {
        call.cancel(false);
        return new RedisCallException("No answer from Redis within " + limit.toMillis() + " ms", e);
    }
}
