package com.videoplatform.auth.token;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** JMH: the floor of the crypto and parsing, the token format alone (bench/run.sh runs it). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenCodecBenchmark {

    TokenCodec service;
    String token;
    long now;

    @Setup
    public void setUp() {
        service = new TokenCodec();
        service.issuer = "video-platform";
        service.audience = "video-platform-api";
        service.configure(KeyRing.of("benchmark-secret-benchmark-secret-0123456789", List.of()));
        now = Instant.now().getEpochSecond();
        token = issue();
    }

    @Benchmark
    public String issue() {
        return service.sign(42, "session-id-0123456789", "jti-0123456789abcdef", now, Set.of("user"), now, now + 86400);
    }

    /** The full check: signature, JSON and every claim. */
    @Benchmark
    public TokenClaims verify() {
        return service.parse(token);
    }

    /** The check of a token seen before: what a client's second and later requests cost. */
    @Benchmark
    public TokenClaims verifyRemembered() {
        return service.verify(token);
    }
}
