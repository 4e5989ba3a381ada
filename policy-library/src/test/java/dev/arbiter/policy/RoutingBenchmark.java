package dev.arbiter.policy;

import dev.arbiter.policy.routing.RoutingSignals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prints routing-evaluation throughput and latency of the shipped policy through dmn-scala.
 * Run: mvn -pl policy-library test-compile exec:java -Dexec.mainClass=dev.arbiter.policy.RoutingBenchmark -Dexec.classpathScope=test
 */
public final class RoutingBenchmark {

    public static void main(String[] args) throws Exception {
        CompiledPolicy policy = new PolicyCompiler().compile(PolicyBundle.shipped());
        PolicyRef ref = PolicyRef.version(1, policy.contentHash());
        List<RoutingSignals> cases = randomCases(2_000, new Random(7));
        for (int i = 0; i < 5; i++) {
            run(policy, ref, cases, 2); // warm-up: JIT and FEEL caches
        }
        for (int threads : new int[] {1, 2}) {
            long[] latencies = run(policy, ref, cases, threads);
            System.out.println(report(threads, latencies));
        }
    }

    private static long[] run(CompiledPolicy policy, PolicyRef ref, List<RoutingSignals> cases, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> parts = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            parts.add(pool.submit(() -> {
                long[] nanos = new long[cases.size()];
                for (int i = 0; i < cases.size(); i++) {
                    long begin = System.nanoTime();
                    policy.evaluate(cases.get(i), ref);
                    nanos[i] = System.nanoTime() - begin;
                }
                return nanos;
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> part : parts) {
            long[] nanos = part.get();
            long[] merged = Arrays.copyOf(all, all.length + nanos.length);
            System.arraycopy(nanos, 0, merged, all.length, nanos.length);
            all = merged;
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        Arrays.sort(all);
        all = Arrays.copyOf(all, all.length + 1);
        all[all.length - 1] = elapsed;
        return all;
    }

    private static String report(int threads, long[] latenciesThenElapsed) {
        int n = latenciesThenElapsed.length - 1;
        double seconds = latenciesThenElapsed[n] / 1e9;
        return String.format(
                "routing evaluation, %d thread(s): %.0f evaluations/s, p50 %.2f ms, p99 %.2f ms (%d evaluations)",
                threads, n / seconds, latenciesThenElapsed[n / 2] / 1e6, latenciesThenElapsed[(int) (n * 0.99)] / 1e6, n);
    }

    private static List<RoutingSignals> randomCases(int count, Random random) {
        String[] surfaces = {"public_post", "comment", "direct_message", "profile", "advert"};
        String[] reporters = {"none", "user", "trusted_flagger", "authority"};
        String[] languages = {"en", "de", "fr", "es"};
        List<RoutingSignals> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(new RoutingSignals(
                    random.nextDouble(), random.nextDouble() * 0.5, random.nextDouble() * 0.5, random.nextDouble() * 0.3,
                    random.nextDouble() * 0.3, random.nextInt(10) == 0, random.nextInt(100) == 0,
                    languages[random.nextInt(languages.length)], surfaces[random.nextInt(surfaces.length)],
                    random.nextInt(4), reporters[random.nextInt(reporters.length)]));
        }
        return cases;
    }
}
