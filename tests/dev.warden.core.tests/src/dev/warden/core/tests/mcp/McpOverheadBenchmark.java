package dev.warden.core.tests.mcp;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.warden.core.agent.AgentListener;
import dev.warden.core.agent.Approvals;
import dev.warden.core.agent.CommandRules;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.StandardToolGateway;
import dev.warden.core.agent.UrlRules;
import dev.warden.core.internal.agent.ToolDispatcher;
import dev.warden.core.internal.mcp.McpToolSet;
import dev.warden.core.internal.mcp.StdioMcpConnection;
import dev.warden.core.internal.tools.NioWorkspaceFiles;
import dev.warden.core.internal.tools.ProcessCommandRunner;
import dev.warden.core.internal.tools.UnreviewedNioChangeSink;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.mcp.McpTrust;
import dev.warden.core.mcp.ToolPins;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.tools.ToolCapabilities;
import dev.warden.core.tools.ToolOutput;

/**
 * What Warden adds to an MCP tool call: CALLS calls of a trusted, pinned tool of the scripted server (Node) through
 * the whole path — dispatcher, argument check, gateway with trust and pin check, audit record, client, fence — against
 * the same calls written and read as bare JSON lines on the same kind of server process. The difference of the
 * medians is Warden's overhead (the server's own time and the pipe are in both).
 * <p>
 * {@code releng/bin/benchmark mcp [CALLS]}
 */
public final class McpOverheadBenchmark {

	private McpOverheadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		Path folder = Files.createTempDirectory("warden-mcp-bench");
		Path script = folder.resolve("scripted-server.js");
		try (InputStream in = McpOverheadBenchmark.class.getResourceAsStream("scripted-server.js")) {
			Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
		}
		McpServerConfig config = new McpServerConfig("scripted", "node", List.of(script.toString(), "plain"), Map.of());

		long[] bare = bare(script, calls);
		long[] warden = throughWarden(config, folder, calls);
		double bareMedian = median(bare);
		double wardenMedian = median(warden);
		System.out.printf("MCP tool call, %d calls each (after %d warm-up calls), scripted Node server over stdio%n", calls, calls);
		System.out.printf("  bare JSON-RPC round trip:  p50 %.3f ms  p99 %.3f ms%n", bareMedian, percentile(bare, 99));
		System.out.printf("  through Warden:            p50 %.3f ms  p99 %.3f ms%n", wardenMedian, percentile(warden, 99));
		System.out.printf("  Warden's overhead (p50):   %.3f ms%n", wardenMedian - bareMedian);
	}

	private static long[] bare(Path script, int calls) throws Exception {
		Process process = new ProcessBuilder("node", script.toString(), "plain").start();
		try (OutputStream out = process.getOutputStream();
				BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			line(out, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
					+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}");
			in.readLine();
			long[] times = new long[calls];
			for (int round = 0; round < 2; round++) {
				for (int i = 0; i < calls; i++) {
					long start = System.nanoTime();
					line(out, "{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1) + ",\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
							+ "\"arguments\":{\"a\":" + i + ",\"b\":2}}}");
					if (in.readLine() == null) {
						throw new IllegalStateException("the server stopped");
					}
					times[i] = System.nanoTime() - start;
				}
			}
			return times;
		} finally {
			process.destroy();
		}
	}

	private static void line(OutputStream out, String text) throws Exception {
		out.write((text + '\n').getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static long[] throughWarden(McpServerConfig config, Path folder, int calls) throws Exception {
		try (StdioMcpConnection connection = StdioMcpConnection.start(config, EnvironmentPolicy.defaults(),
				Duration.ofSeconds(30), new Cancellation())) {
			ToolPins pins = ToolPins.inMemory();
			pins.pin("scripted", "add", connection.tools().get(0).pinHash());
			McpToolSet set = new McpToolSet(List.of(connection), () -> McpTrust.parse("scripted/*"), pins,
					Duration.ofSeconds(30));
			NioWorkspaceFiles files = new NioWorkspaceFiles(Files.createDirectories(folder.resolve("ws")));
			CommandRules none = new CommandRules() {
				@Override
				public Verdict check(String commandLine) {
					return new Verdict(Level.REFUSED, "no commands");
				}

				@Override
				public void trust(String commandLine) {
					// nothing to trust
				}
			};
			StandardToolGateway gateway = new StandardToolGateway(none, (path, write) -> Optional.empty(),
					UrlRules.DENY_ALL, set);
			List<dev.warden.core.audit.AuditEvent> audit = new java.util.ArrayList<>();
			ToolDispatcher dispatcher = new ToolDispatcher("bench", set.tools(), gateway, Approvals.NONE,
					new ToolCapabilities(files, new UnreviewedNioChangeSink(files), new ProcessCommandRunner(), null),
					event -> {
						synchronized (audit) {
							if (audit.size() > 10_000) {
								audit.clear();
							}
							audit.add(event);
						}
					});
			long[] times = new long[calls];
			for (int round = 0; round < 2; round++) {
				for (int i = 0; i < calls; i++) {
					long start = System.nanoTime();
					ToolOutput output = dispatcher.dispatch(new ToolCall("c" + i, "scripted__add", "{\"a\":" + i + ",\"b\":2}"),
							Mode.AUTOPILOT, AgentListener.NONE, new Cancellation());
					times[i] = System.nanoTime() - start;
					if (output.error()) {
						throw new IllegalStateException(output.content());
					}
				}
			}
			return times;
		}
	}

	private static double median(long[] nanos) {
		return percentile(nanos, 50);
	}

	private static double percentile(long[] nanos, int p) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1_000_000.0;
	}
}
