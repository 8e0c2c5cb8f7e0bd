package dev.warden.core.internal.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IPath;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.prefs.BackingStoreException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.mcp.McpProjectConfig;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.mcp.McpToolInfo;
import dev.warden.core.mcp.McpTrust;
import dev.warden.core.mcp.ToolPins;
import dev.warden.core.settings.McpSettings;
import dev.warden.core.trust.Acceptance;

/** The MCP settings in the workspace's preferences; the values of the servers' variables in secure storage. */
@Component(service = McpSettings.class)
public final class PreferenceMcpSettings extends PreferenceService implements McpSettings {

	private static final String SECURE_NODE = "/dev.warden.core/mcp/"; //$NON-NLS-1$

	/** The secure-storage node, below a server's, of the values of its HTTP headers. */
	private static final String HEADERS = "/headers"; //$NON-NLS-1$

	@Deactivate
	void deactivate() {
		stop();
	}

	@Override
	protected boolean owns(String key) {
		return key.startsWith("mcp."); //$NON-NLS-1$
	}

	@Override
	public List<McpServerConfig> workspaceServers() {
		List<McpServerConfig> servers = new ArrayList<>();
		String text = get(SERVERS);
		if (text.isBlank()) {
			return servers;
		}
		try {
			for (JsonElement element : JsonParser.parseString(text).getAsJsonArray()) {
				JsonObject server = element.getAsJsonObject();
				String name = server.get("name").getAsString(); //$NON-NLS-1$
				if (server.has("url")) { //$NON-NLS-1$
					Map<String, String> headers = new LinkedHashMap<>();
					for (JsonElement header : server.getAsJsonArray("headers")) { //$NON-NLS-1$
						headers.put(header.getAsString(), secret(name + HEADERS, header.getAsString()));
					}
					servers.add(McpServerConfig.http(name, server.get("url").getAsString(), headers)); //$NON-NLS-1$
					continue;
				}
				List<String> args = new ArrayList<>();
				server.getAsJsonArray("args").forEach(a -> args.add(a.getAsString())); //$NON-NLS-1$
				Map<String, String> env = new LinkedHashMap<>();
				for (JsonElement variable : server.getAsJsonArray("env")) { //$NON-NLS-1$
					env.put(variable.getAsString(), secret(name, variable.getAsString()));
				}
				servers.add(new McpServerConfig(name, server.get("command").getAsString(), args, env)); //$NON-NLS-1$
			}
		} catch (JsonParseException | IllegalStateException | NullPointerException | IllegalArgumentException e) {
			ILog.of(getClass()).error("The MCP servers in Warden's settings could not be read; none are offered.", e); //$NON-NLS-1$
			return List.of();
		}
		return servers;
	}

	private static String secret(String server, String variable) {
		try {
			return SecurePreferencesFactory.getDefault().node(SECURE_NODE + server).get(variable, ""); //$NON-NLS-1$
		} catch (StorageException e) {
			ILog.of(PreferenceMcpSettings.class).warn("A variable of the MCP server " + server //$NON-NLS-1$
					+ " could not be read from secure storage.", e); //$NON-NLS-1$
			return ""; //$NON-NLS-1$
		}
	}

	@Override
	public void saveWorkspaceServers(List<McpServerConfig> servers) throws BackingStoreException {
		JsonArray array = new JsonArray();
		ISecurePreferences secure = SecurePreferencesFactory.getDefault();
		try {
			for (McpServerConfig server : servers) {
				JsonObject object = new JsonObject();
				object.addProperty("name", server.name()); //$NON-NLS-1$
				if (server.isHttp()) {
					object.addProperty("url", server.url()); //$NON-NLS-1$
					JsonArray headers = new JsonArray();
					ISecurePreferences node = secure.node(SECURE_NODE + server.name() + HEADERS);
					for (Map.Entry<String, String> header : server.headers().entrySet()) {
						headers.add(header.getKey());
						node.put(header.getKey(), header.getValue(), true);
					}
					object.add("headers", headers); //$NON-NLS-1$
					array.add(object);
					continue;
				}
				object.addProperty("command", server.command()); //$NON-NLS-1$
				JsonArray args = new JsonArray();
				server.arguments().forEach(args::add);
				object.add("args", args); //$NON-NLS-1$
				JsonArray env = new JsonArray();
				ISecurePreferences node = secure.node(SECURE_NODE + server.name());
				for (Map.Entry<String, String> variable : server.environment().entrySet()) {
					env.add(variable.getKey());
					node.put(variable.getKey(), variable.getValue(), true);
				}
				object.add("env", env); //$NON-NLS-1$
				array.add(object);
			}
			secure.flush();
		} catch (StorageException | IOException e) {
			throw new BackingStoreException("The variables of the MCP servers could not be saved in secure storage: " //$NON-NLS-1$
					+ e.getMessage(), e);
		}
		put(SERVERS, array.toString());
		flush();
	}

	@Override
	public String trustText() {
		return get(TRUSTED);
	}

	@Override
	public McpTrust trust() {
		try {
			return McpTrust.parse(trustText());
		} catch (IllegalArgumentException e) {
			ILog.of(getClass()).warn("The trusted MCP tools could not be read; none are trusted. " + e.getMessage()); //$NON-NLS-1$
			return McpTrust.none();
		}
	}

	@Override
	public void saveTrustText(String text) throws BackingStoreException {
		McpTrust.parse(text);
		put(TRUSTED, text);
		flush();
	}

	@Override
	public ToolPins pins() {
		return new ToolPins() {
			@Override
			public Optional<String> pinned(String server, String tool) {
				String hash = get(PIN_PREFIX + server + '/' + tool);
				return hash.isEmpty() ? Optional.empty() : Optional.of(hash);
			}

			@Override
			public void pin(String server, String tool, String hash) {
				put(PIN_PREFIX + server + '/' + tool, hash);
				flushQuietly();
			}

			@Override
			public void pin(String server, McpToolInfo tool) {
				JsonObject pinned = new JsonObject();
				pinned.addProperty("description", tool.description()); //$NON-NLS-1$
				pinned.addProperty("inputSchema", tool.inputSchema()); //$NON-NLS-1$
				put(PINNED_PREFIX + server + '/' + tool.name(), pinned.toString());
				pin(server, tool.name(), tool.pinHash());
			}

			@Override
			public Optional<McpToolInfo> pinnedTool(String server, String tool) {
				String text = get(PINNED_PREFIX + server + '/' + tool);
				if (text.isEmpty()) {
					return Optional.empty();
				}
				try {
					JsonObject pinned = JsonParser.parseString(text).getAsJsonObject();
					return Optional.of(new McpToolInfo(tool, pinned.get("description").getAsString(), //$NON-NLS-1$
							pinned.get("inputSchema").getAsString(), false, false)); //$NON-NLS-1$
				} catch (RuntimeException e) {
					return Optional.empty();
				}
			}
		};
	}

	@Override
	public boolean launchApproved(McpServerConfig config) {
		return !get(LAUNCH_PREFIX + config.launchKey()).isEmpty();
	}

	@Override
	public void approveLaunch(McpServerConfig config) {
		put(LAUNCH_PREFIX + config.launchKey(), config.name());
		flushQuietly();
	}

	@Override
	public Optional<McpProjectConfig> projectConfig(IProject project) {
		IPath location = project.getLocation();
		if (location == null) {
			return Optional.empty();
		}
		Path file = location.toPath().resolve(PROJECT_FILE);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(McpProjectConfig.parse(Files.readString(file, StandardCharsets.UTF_8)));
		} catch (IOException e) {
			throw new IllegalArgumentException(PROJECT_FILE + " of " + project.getName() + " could not be read: " //$NON-NLS-1$ //$NON-NLS-2$
					+ e.getMessage(), e);
		}
	}

	private static Optional<String> acceptedHash(IProject project) {
		String hash = get(ACCEPTED_PREFIX + project.getName());
		return hash.isEmpty() ? Optional.empty() : Optional.of(hash);
	}

	@Override
	public Acceptance projectAcceptance(IProject project) {
		try {
			return projectConfig(project).map(config -> config.acceptance(acceptedHash(project)))
					.orElse(Acceptance.NOT_REQUIRED);
		} catch (IllegalArgumentException e) {
			return Acceptance.NOT_ACCEPTED;
		}
	}

	@Override
	public void acceptProjectConfig(IProject project, McpProjectConfig shown) throws BackingStoreException {
		put(ACCEPTED_PREFIX + project.getName(), shown.contentHash());
		flush();
	}
}
