package io.vigil.source.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Reads GPUs from one long-lived {@code nvidia-smi --query-gpu=... --format=csv,noheader,nounits --loop-ms=...}: the
 * driver prints a line per GPU every interval and each line replaces that GPU's last reading, so a tick only looks at
 * what came last and no process is started per tick. When nvidia-smi exits it is started again with back-off; when it
 * is not installed (most hosts) it is never tried again.
 */
final class NvidiaSmi implements AutoCloseable {

    static final String QUERY = "index,name,utilization.gpu,memory.used,memory.total,temperature.gpu";
    static final Duration RESTART_MIN = Duration.ofSeconds(1);
    static final Duration RESTART_MAX = Duration.ofSeconds(60);
    private static final long MIB = 1024L * 1024L;

    private final String command;
    private final Duration timeout;
    private final Duration staleAfter;
    private final Supplier<Multi<String>> lines;
    private final Duration restartMin;
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>(State.NOTHING_YET);
    private final CompletableFuture<Void> firstAnswer = new CompletableFuture<>();
    private Cancellable subscription;

    /** nvidia-smi as installed, printing every {@code interval}. */
    NvidiaSmi(String command, Duration timeout, Duration interval) {
        this.command = command;
        this.timeout = timeout;
        this.staleAfter = interval.plus(timeout);
        this.lines = () -> process(command, interval);
        this.restartMin = RESTART_MIN;
        this.clock = Clock.systemUTC();
    }

    /** Any stream of nvidia-smi's lines: one subscription per run of the program, a failure when it ends. */
    NvidiaSmi(String command, Duration timeout, Duration interval, Supplier<Multi<String>> lines, Duration restartMin,
            Clock clock) {
        this.command = command;
        this.timeout = timeout;
        this.staleAfter = interval.plus(timeout);
        this.lines = lines;
        this.restartMin = restartMin;
        this.clock = clock;
    }

    /**
     * The GPUs as last printed. The first call starts nvidia-smi and waits up to the timeout for its first answer;
     * later calls do not block.
     */
    synchronized GpuReading read() {
        if (subscription == null) {
            subscription = Multi.createFrom().<String>deferred(lines::get)
                    .onItem().invoke(line -> update(s -> s.line(line, clock.instant())))
                    .onFailure().invoke(e -> update(s -> s.ended(e, command)))
                    .onFailure(e -> !(e instanceof NotInstalled)).retry()
                    .withBackOff(restartMin, RESTART_MAX).indefinitely()
                    .subscribe().with(line -> {
                    }, e -> firstAnswer.complete(null));
        }
        try {
            firstAnswer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // nothing yet: reading() says so
        } catch (ExecutionException e) {
            // never completed exceptionally
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GpuReading.error("interrupted while reading GPUs");
        }
        return state.get().reading(clock.instant(), staleAfter, command + " did not answer within " + timeout);
    }

    private void update(java.util.function.UnaryOperator<State> change) {
        State next = state.updateAndGet(change);
        if (next.answered()) {
            firstAnswer.complete(null);
        }
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /** The lines of one run of nvidia-smi, read on a worker thread; its end is a failure that says how it ended. */
    private static Multi<String> process(String command, Duration interval) {
        return Multi.createFrom().<String>emitter(emitter -> {
            Process process;
            try {
                process = new ProcessBuilder(command, "--query-gpu=" + QUERY, "--format=csv,noheader,nounits",
                        "--loop-ms=" + Math.max(100, interval.toMillis()))
                        .redirectErrorStream(true)
                        .start();
            } catch (IOException notInstalled) {
                emitter.fail(new NotInstalled());
                return;
            }
            emitter.onTermination(process::destroy);
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    emitter.emit(line);
                }
                emitter.fail(new Exited(process.waitFor()));
            } catch (IOException e) {
                emitter.fail(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
                emitter.fail(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** nvidia-smi could not be started: no NVIDIA driver on this host. */
    static final class NotInstalled extends RuntimeException {

        NotInstalled() {
            super("not installed", null, false, false);
        }
    }

    /** nvidia-smi exited (it never does by itself while it loops). */
    static final class Exited extends RuntimeException {

        final int code;

        Exited(int code) {
            super("exited with " + code, null, false, false);
            this.code = code;
        }
    }

    /**
     * What nvidia-smi said so far: the last line of each GPU with its arrival, the last line that was not a GPU
     * (an error message), and how the last run ended (null while one runs and has printed a GPU since it began).
     */
    record State(Map<Integer, Arrival> devices, String lastOther, GpuReading ended) {

        static final State NOTHING_YET = new State(Map.of(), null, null);

        record Arrival(GpuReading.GpuDevice device, Instant at) {
        }

        boolean answered() {
            return !devices.isEmpty() || ended != null;
        }

        State line(String line, Instant at) {
            if (line.isBlank()) {
                return this;
            }
            GpuReading parsed = parse(line);
            if (!GpuReading.PRESENT.equals(parsed.status())) {
                return new State(devices, line.trim(), ended);
            }
            Map<Integer, Arrival> next = new TreeMap<>(devices);
            for (GpuReading.GpuDevice d : parsed.devices()) {
                next.put(d.index(), new Arrival(d, at));
            }
            return new State(Map.copyOf(next), lastOther, null);
        }

        State ended(Throwable how, String command) {
            GpuReading reading;
            if (how instanceof NotInstalled) {
                reading = GpuReading.absent(command + " not found: no NVIDIA GPU driver on this host");
            } else if (lastOther != null && lastOther.contains("No devices were found")) {
                reading = GpuReading.absent(lastOther);
            } else if (how instanceof Exited exited) {
                reading = GpuReading.error(command + " exited with " + exited.code + ": " + (lastOther == null ? "" : lastOther));
            } else {
                reading = GpuReading.error(command + ": " + how.getMessage());
            }
            return new State(Map.of(), null, reading);
        }

        /** GPUs that printed within {@code staleAfter}; how the last run ended; or that nothing came in time. */
        GpuReading reading(Instant now, Duration staleAfter, String silent) {
            if (ended != null) {
                return ended;
            }
            Instant oldest = now.minus(staleAfter);
            List<GpuReading.GpuDevice> fresh = new ArrayList<>();
            for (Arrival a : devices.values()) {
                if (!a.at().isBefore(oldest)) {
                    fresh.add(a.device());
                }
            }
            fresh.sort(Comparator.comparingInt(GpuReading.GpuDevice::index));
            return fresh.isEmpty() ? GpuReading.error(silent) : GpuReading.present(fresh);
        }
    }

    /** Parses CSV lines of {@link #QUERY}; a value nvidia-smi cannot read ("[N/A]") becomes NaN. */
    static GpuReading parse(String csv) {
        List<GpuReading.GpuDevice> devices = new ArrayList<>();
        for (String line : csv.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            String[] f = line.split("\\s*,\\s*");
            if (f.length < 6) {
                return GpuReading.error("unexpected nvidia-smi line: " + line);
            }
            try {
                double used = number(f[3]);
                double total = number(f[4]);
                devices.add(new GpuReading.GpuDevice(Integer.parseInt(f[0]), f[1], number(f[2]),
                        Double.isNaN(used) ? -1 : (long) (used * MIB), Double.isNaN(total) ? -1 : (long) (total * MIB),
                        total > 0 && !Double.isNaN(used) ? 100.0 * used / total : Double.NaN, number(f[5])));
            } catch (NumberFormatException e) {
                return GpuReading.error("unexpected nvidia-smi line: " + line);
            }
        }
        return devices.isEmpty() ? GpuReading.absent("nvidia-smi lists no GPU") : GpuReading.present(devices);
    }

    private static double number(String field) {
        String f = field.trim();
        if (f.startsWith("[") || f.equalsIgnoreCase("N/A")) {
            return Double.NaN;
        }
        return Double.parseDouble(f);
    }
}
