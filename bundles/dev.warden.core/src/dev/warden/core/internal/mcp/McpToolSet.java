package dev.warden.core.internal.mcp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.warden.core.agent.McpCall;
import dev.warden.core.agent.McpRules;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.mcp.DescriptionFlags;
import dev.warden.core.mcp.McpConnection;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpToolInfo;
import dev.warden.core.mcp.McpTrust;
import dev.warden.core.mcp.ToolPins;
import dev.warden.core.tools.Tool;
import dev.warden.core.tools.ToolException;

/**
 * The tools of the connected MCP servers for one agent session, and the rules the gateway applies to their calls:
 * <ul>
 * <li>a tool whose description or schema differs from its pin is refused (disabled until the user reviews it);</li>
 * <li>a tool not pinned yet is asked about (its first use pins it);</li>
 * <li>a tool whose description reads like instructions to the model is asked about, with the flags;</li>
 * <li>a tool the user trusted ({@code server/tool} or {@code server/*}) runs without asking;</li>
 * <li>every other call is asked about, in both modes.</li>
 * </ul>
 */
public final class McpToolSet implements McpRules {

	private final Map<String, McpTool> bySubject = new LinkedHashMap<>();

	/** The reads of the resources the user attaches, one per server that offers resources, by subject. */
	private final Map<String, McpResourceReader> readers = new LinkedHashMap<>();

	/** The changes already recorded, so that a refused tool is audited once per change, not on every call. */
	private final Set<String> changesSeen = ConcurrentHashMap.newKeySet();

	private final Supplier<McpTrust> trust;

	private final ToolPins pins;

	private final AuditLog audit;

	/** The tools of {@code connections}, with pin events not audited (tests, benchmarks). */
	public McpToolSet(List<McpConnection> connections, Supplier<McpTrust> trust, ToolPins pins, Duration callTimeout) {
		this(connections, trust, pins, callTimeout, AuditLog.NONE);
	}

	/**
	 * @param connections the running servers; their current tools are offered
	 * @param trust       the trusted tools, read afresh for every decision
	 * @param pins        where pins are kept
	 * @param callTimeout how long one call may take
	 * @param audit       where pins, changes found and reviews are recorded ({@code mcp.pin})
	 */
	public McpToolSet(List<McpConnection> connections, Supplier<McpTrust> trust, ToolPins pins, Duration callTimeout,
			AuditLog audit) {
		this.trust = trust;
		this.pins = pins;
		this.audit = audit;
		for (McpConnection connection : connections) {
			List<McpToolInfo> tools;
			try {
				tools = connection.refreshTools(); // a new session looks afresh
			} catch (McpException e) {
				continue; // a server that cannot list its tools offers none; its failure is shown where it is managed
			}
			for (McpToolInfo info : tools) {
				McpTool tool = new McpTool(this, connection, info, callTimeout);
				bySubject.putIfAbsent(tool.subjectName(), tool);
			}
			if (connection.offersResources()) {
				McpResourceReader reader = new McpResourceReader(connection, callTimeout);
				readers.putIfAbsent(reader.subjectName(), reader);
			}
		}
	}

	/** @return the tools as the model is offered them */
	public List<Tool> tools() {
		return new ArrayList<>(bySubject.values());
	}

	/**
	 * @return the reads of the resources a user attaches to a prompt, one per server that offers resources; not
	 *         offered to the model ({@link Tool#offeredToModel()})
	 */
	public List<Tool> resourceReaders() {
		return new ArrayList<>(readers.values());
	}

	/**
	 * The model's name of a tool: {@code server__tool}, with characters the model APIs do not accept replaced by
	 * {@code _} and cut to 64 characters.
	 */
	public static String modelName(String server, String tool) {
		String name = (server + "__" + tool).replaceAll("[^A-Za-z0-9_-]", "_"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return name.length() <= 64 ? name : name.substring(0, 64);
	}

	@Override
	public Verdict check(String subject) {
		McpResourceReader reader = readers.get(subject);
		if (reader != null) {
			return checkRead(reader);
		}
		McpTool tool = bySubject.get(subject);
		if (tool == null) {
			return new Verdict(Level.REFUSED, "There is no MCP tool " + subject + '.'); //$NON-NLS-1$
		}
		McpConnection connection = tool.connection();
		if (!connection.isAlive()) {
			return new Verdict(Level.REFUSED, "The MCP server '" + connection.serverName() + "' is not running."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Optional<McpToolInfo> current;
		try {
			current = current(tool);
		} catch (McpException e) {
			return new Verdict(Level.REFUSED, e.getMessage());
		}
		if (current.isEmpty()) {
			return new Verdict(Level.REFUSED, "The MCP server '" + connection.serverName() + "' no longer offers " //$NON-NLS-1$ //$NON-NLS-2$
					+ tool.info().name() + '.');
		}
		McpToolInfo info = current.get();
		Optional<String> pin = pins.pinned(connection.serverName(), info.name());
		String hash = info.pinHash();
		List<String> flags = DescriptionFlags.scan(info.description());
		McpCall call = new McpCall(connection.serverName(), info.name(), info.description(), info.readOnlyHint(),
				info.destructiveHint(), flags, null);
		if (!tool.info().pinHash().equals(hash) || pin.isPresent() && !pin.get().equals(hash)) {
			String reason = "The MCP tool " + subject + " changed its description or input schema " //$NON-NLS-1$ //$NON-NLS-2$
					+ "since it was pinned; it is disabled until the user reviews the change."; //$NON-NLS-1$
			if (changesSeen.add(subject + ' ' + hash)) {
				record(subject, "CHANGED", "pinned " + pin.orElse(tool.info().pinHash()) + ", now " + hash, "policy"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				// shown to the user once per change: what was pinned (or what this session offered) against now
				McpToolInfo before = pin.isPresent() && !pin.get().equals(tool.info().pinHash())
						? pins.pinnedTool(connection.serverName(), info.name()).orElse(null)
						: tool.info();
				return new Verdict(Level.REFUSED, reason, call.withChange(new McpCall.Change(
						before == null ? "" : before.description(), before == null ? "" : before.inputSchema(), //$NON-NLS-1$ //$NON-NLS-2$
						info.description(), info.inputSchema())));
			}
			return new Verdict(Level.REFUSED, reason, call);
		}
		String hints = hints(info);
		if (!flags.isEmpty()) {
			return new Verdict(Level.ASK, "The description of " + subject + " reads like instructions to the model: " //$NON-NLS-1$ //$NON-NLS-2$
					+ String.join("; ", flags) + '.' + hints, call); //$NON-NLS-1$
		}
		if (pin.isEmpty()) {
			return new Verdict(Level.ASK, "First use of the MCP tool " + subject //$NON-NLS-1$
					+ ": its description and input schema are pinned when you approve." + hints, call); //$NON-NLS-1$
		}
		Optional<String> entry = trust.get().covering(connection.serverName(), info.name());
		if (entry.isPresent()) {
			return new Verdict(Level.TRUSTED, "trusted by " + entry.get(), call); //$NON-NLS-1$
		}
		return new Verdict(Level.ASK, "MCP tool calls wait for approval unless " + subject + " or " //$NON-NLS-1$ //$NON-NLS-2$
				+ connection.serverName() + "/* is trusted." + hints, call); //$NON-NLS-1$
	}

	/**
	 * A resource read is asked about, in both modes, unless the user trusted {@code server/resources:read} or all of
	 * the server ({@code server/*}); there is nothing to pin, for the model is not offered a description of it.
	 */
	private Verdict checkRead(McpResourceReader reader) {
		String server = reader.connection().serverName();
		if (!reader.connection().isAlive()) {
			return new Verdict(Level.REFUSED, "The MCP server '" + server + "' is not running."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		McpCall call = new McpCall(server, McpCall.RESOURCE_READ, "", false, false, List.of(), null); //$NON-NLS-1$
		Optional<String> entry = trust.get().covering(server, McpCall.RESOURCE_READ);
		if (entry.isPresent()) {
			return new Verdict(Level.TRUSTED, "trusted by " + entry.get(), call); //$NON-NLS-1$
		}
		return new Verdict(Level.ASK, "Reading a resource of an MCP server waits for approval unless " //$NON-NLS-1$
				+ reader.subjectName() + " or " + server + "/* is trusted.", call); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static String hints(McpToolInfo info) {
		if (!info.readOnlyHint() && !info.destructiveHint()) {
			return ""; //$NON-NLS-1$
		}
		return " The server says it is " + (info.destructiveHint() ? "destructive" : "read-only") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ " (not relied on)."; //$NON-NLS-1$
	}

	private static Optional<McpToolInfo> current(McpTool tool) throws McpException {
		return tool.connection().tools().stream().filter(t -> t.name().equals(tool.info().name())).findFirst();
	}

	/**
	 * Called by a tool that is about to run: refuses a tool that changed since the decision, and pins a tool at its
	 * first use.
	 */
	void confirmPin(McpTool tool) throws ToolException {
		McpToolInfo info;
		try {
			info = current(tool).orElseThrow(() -> new ToolException("The MCP server no longer offers " //$NON-NLS-1$
					+ tool.subjectName() + '.'));
		} catch (McpException e) {
			throw new ToolException(e.getMessage(), e);
		}
		String hash = info.pinHash();
		String server = tool.connection().serverName();
		Optional<String> pin = pins.pinned(server, info.name());
		if (!tool.info().pinHash().equals(hash) || pin.isPresent() && !pin.get().equals(hash)) {
			throw new ToolException("The MCP tool " + tool.subjectName() + " changed since it was pinned; it is " //$NON-NLS-1$ //$NON-NLS-2$
					+ "disabled until the user reviews the change. Nothing was called."); //$NON-NLS-1$
		}
		if (pin.isEmpty()) {
			pins.pin(server, info);
			record(tool.subjectName(), "PINNED", "first use; pin " + hash, "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	private void record(String subject, String verdict, String detail, String actor) {
		audit.record(new AuditEvent(Instant.now(), null, "mcp.pin", subject, verdict, detail, actor)); //$NON-NLS-1$
	}

	/**
	 * The user reviewed the change of {@code subject} ({@code server/tool}) and accepts it: the tool is pinned to what
	 * the server offers now. It is offered with its new description from the next session on (this session's model
	 * saw the old one, so the tool stays refused here).
	 *
	 * @return the new pin, or empty when there is no such tool or its server cannot list it
	 */
	@Override
	public Optional<String> reviewed(String subject) {
		McpTool tool = bySubject.get(subject);
		if (tool == null) {
			return Optional.empty();
		}
		try {
			Optional<McpToolInfo> current = current(tool);
			current.ifPresent(info -> {
				pins.pin(tool.connection().serverName(), info);
				record(subject, "REVIEWED", "pinned again to " + info.pinHash(), "user"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			});
			return current.map(McpToolInfo::pinHash);
		} catch (McpException e) {
			return Optional.empty();
		}
	}

	/**
	 * The tools whose current description or schema differs from their pin, as {@code server/tool}: they wait for
	 * the user's review.
	 */
	public List<String> changedSincePinned() {
		List<String> changed = new ArrayList<>();
		for (McpTool tool : bySubject.values()) {
			if (check(tool.subjectName()).reason().contains("since it was pinned")) { //$NON-NLS-1$
				changed.add(tool.subjectName());
			}
		}
		return changed;
	}
}
