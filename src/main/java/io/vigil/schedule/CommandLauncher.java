package io.vigil.schedule;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Launches a job's command. Output goes to a temporary file, so no thread is tied up reading it while a run takes
 * hours; only the fork happens on a worker thread, the wait is the process' own exit future.
 */
final class CommandLauncher {

    /** How a launched command ended. {@code exitCode} is null when it could not start or was stopped. */
    record Result(Integer exitCode, String outputTail, String error) {
    }

    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final String LOGS_PREFIX = "vigil-jobs-";
    /** This process' job logs, in a directory of its own, so another process knows which are left over. */
    private static final Path LOGS = Path.of(System.getProperty("java.io.tmpdir"), LOGS_PREFIX + ProcessHandle.current().pid());

    private CommandLauncher() {
    }

    /** Splits the template into arguments (double quotes group) and fills in the placeholders per argument. */
    static List<String> command(String template, Map<String, String> values) {
        List<String> args = new ArrayList<>();
        Matcher m = TOKEN.matcher(template);
        while (m.find()) {
            String arg = m.group(1) != null ? m.group(1) : m.group(2);
            for (Map.Entry<String, String> v : values.entrySet()) {
                arg = arg.replace("{" + v.getKey() + "}", v.getValue());
            }
            args.add(arg);
        }
        if (args.isEmpty()) {
            throw new IllegalArgumentException("vigil.scheduler.command is empty");
        }
        return args;
    }

    static Uni<Result> run(List<String> command, Duration timeout, int tailChars) {
        return Uni.createFrom().item(() -> start(command))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUni(started -> {
                    if (started.process == null) {
                        return Uni.createFrom().item(new Result(null, "", started.error));
                    }
                    return Uni.createFrom().completionStage(started.process.onExit())
                            .map(p -> new Result(p.exitValue(), tail(started.output, tailChars), null))
                            .ifNoItem().after(timeout).recoverWithUni(() -> Uni.createFrom().item(() -> {
                                started.process.descendants().forEach(ProcessHandle::destroyForcibly);
                                started.process.destroyForcibly();
                                return new Result(null, tail(started.output, tailChars), "stopped after the command timeout of "
                                        + timeout);
                            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                            .eventually(() -> delete(started.output));
                });
    }

    private record Started(Process process, Path output, String error) {
    }

    private static Started start(List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile(Files.createDirectories(LOGS), "vigil-job-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new Started(process, output, null);
        } catch (IOException e) {
            delete(output);
            return new Started(null, null, "could not launch " + command.get(0) + ": " + e.getMessage());
        }
    }

    /**
     * Deletes the job logs of Vigil processes that have ended (a crash or a kill leaves them behind). Another live
     * Vigil's logs (a replica on the same host) are kept.
     */
    static void deleteLogsOfEndedProcesses() {
        try (Stream<Path> dirs = Files.list(LOGS.getParent())) {
            dirs.filter(d -> d.getFileName().toString().startsWith(LOGS_PREFIX) && !d.equals(LOGS)).forEach(d -> {
                String pid = d.getFileName().toString().substring(LOGS_PREFIX.length());
                boolean alive = pid.matches("\\d{1,18}")
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    try (Stream<Path> logs = Files.list(d)) {
                        logs.forEach(CommandLauncher::delete);
                    } catch (IOException ignored) {
                        // gone meanwhile
                    }
                    delete(d);
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // no temporary directory to clean: nothing left over
        }
        // A container's process often has the pid its predecessor had: its logs are in this very directory.
        java.time.Instant started = ProcessHandle.current().info().startInstant().orElse(java.time.Instant.MIN);
        try (Stream<Path> logs = Files.list(LOGS)) {
            logs.filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant().isBefore(started);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(CommandLauncher::delete);
        } catch (IOException | RuntimeException ignored) {
            // no directory yet: nothing left over
        }
    }

    private static String tail(Path file, int chars) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            int bytes = (int) Math.min(length, chars * 4L);
            byte[] buffer = new byte[bytes];
            f.seek(length - bytes);
            f.readFully(buffer);
            String text = new String(buffer, StandardCharsets.UTF_8);
            return text.length() <= chars ? text : text.substring(text.length() - chars);
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }
}
