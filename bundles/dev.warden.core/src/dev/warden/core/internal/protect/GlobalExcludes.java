package dev.warden.core.internal.protect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;

/**
 * Finds the user's own ignore file, as Git does: {@code core.excludesFile} from the system, user ({@code ~/.gitconfig},
 * {@code $XDG_CONFIG_HOME/git/config}) and repository configuration, the later overriding the earlier, {@code ~/}
 * expanded; by default {@code $XDG_CONFIG_HOME/git/ignore}, or {@code ~/.config/git/ignore} when that variable is unset
 * or empty. The variables Git honours ({@code HOME}, {@code XDG_CONFIG_HOME}, {@code GIT_CONFIG_GLOBAL},
 * {@code GIT_CONFIG_SYSTEM}, {@code GIT_CONFIG_NOSYSTEM}) come from the environment given. Configuration files are
 * parsed by JGit (includes too) and read again when they change. Safe for concurrent use.
 */
public final class GlobalExcludes {

	private record Stamp(Path file, FileTime modified, long size) {
	}

	private record Entry(List<Stamp> stamps, Path excludesFile) {
	}

	private final Map<String, String> environment;
	private final Path home;
	private final List<Path> userConfigs;
	private final ConcurrentHashMap<Path, Entry> cache = new ConcurrentHashMap<>();

	/**
	 * @param environment the variables to read ({@link System#getenv()} for the user's own)
	 */
	public GlobalExcludes(Map<String, String> environment) {
		this.environment = Map.copyOf(environment);
		String homeVariable = environment.get("HOME");
		this.home = Path.of(homeVariable != null && !homeVariable.isEmpty() ? homeVariable
				: System.getProperty("user.home", "/"));
		this.userConfigs = userConfigs();
	}

	/** The files of the user's environment, the process's own. */
	public static GlobalExcludes ofSystem() {
		return new GlobalExcludes(System.getenv());
	}

	/**
	 * The global ignore file for a work tree whose repository is {@code gitDir} ({@code null} outside a repository),
	 * or {@code null} when there is none to read; a relative setting is taken from {@code workTreeTop}.
	 */
	public Path excludesFile(Path gitDir, Path workTreeTop) {
		List<Path> configs = new ArrayList<>(userConfigs);
		if (gitDir != null) {
			configs.add(GitLayout.commonDirectory(gitDir).resolve("config"));
		}
		Path key = gitDir == null ? Path.of("") : gitDir;
		List<Stamp> stamps = stamps(configs);
		Entry entry = cache.get(key);
		if (entry == null || !entry.stamps().equals(stamps)) {
			entry = new Entry(stamps, find(configs));
			if (cache.size() > 1000) {
				cache.clear();
			}
			cache.put(key, entry);
		}
		Path file = entry.excludesFile();
		return file == null ? null : workTreeTop == null ? file : workTreeTop.resolve(file);
	}

	private Path find(List<Path> configs) {
		String setting = null;
		for (Path file : configs) {
			String value = read(file);
			if (value != null) {
				setting = value;
			}
		}
		try {
			if (setting == null) {
				String xdg = environment.get("XDG_CONFIG_HOME");
				Path config = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home.resolve(".config");
				return config.resolve("git").resolve("ignore");
			}
			if (setting.isEmpty()) {
				return null;
			}
			if (setting.equals("~") || setting.startsWith("~/")) {
				return home.resolve(setting.substring(1).replaceFirst("^/+", ""));
			}
			if (setting.startsWith("~")) {
				return null; // ~user: another account's file, which Git reads but Warden does not look up
			}
			return Path.of(setting);
		} catch (InvalidPathException e) {
			return null;
		}
	}

	/** The {@code core.excludesFile} a configuration file sets, or {@code null}. */
	private static String read(Path file) {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		FileBasedConfig config = new FileBasedConfig((Config) null, file.toFile(), FS.DETECTED);
		try {
			config.load();
		} catch (IOException | ConfigInvalidException | RuntimeException e) {
			return null; // Git stops on a broken configuration; here it just sets nothing
		}
		return config.getString("core", null, "excludesFile");
	}

	private List<Path> userConfigs() {
		List<Path> files = new ArrayList<>();
		try {
			if (!isTrue(environment.get("GIT_CONFIG_NOSYSTEM"))) {
				String system = environment.get("GIT_CONFIG_SYSTEM");
				files.add(system != null && !system.isEmpty() ? Path.of(system) : Path.of("/etc/gitconfig"));
			}
			String global = environment.get("GIT_CONFIG_GLOBAL");
			if (global != null && !global.isEmpty()) {
				files.add(Path.of(global));
			} else {
				String xdg = environment.get("XDG_CONFIG_HOME");
				Path config = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home.resolve(".config");
				files.add(config.resolve("git").resolve("config"));
				files.add(home.resolve(".gitconfig"));
			}
		} catch (InvalidPathException e) {
			// a variable that names no path names no configuration
		}
		return List.copyOf(files);
	}

	private static boolean isTrue(String value) {
		return value != null && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")
				|| value.equalsIgnoreCase("on") || value.equals("1"));
	}

	private static List<Stamp> stamps(List<Path> files) {
		List<Stamp> stamps = new ArrayList<>(files.size());
		for (Path file : files) {
			try {
				BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
				stamps.add(new Stamp(file, a.lastModifiedTime(), a.size()));
			} catch (IOException e) {
				stamps.add(new Stamp(file, null, -1));
			}
		}
		return stamps;
	}

	@Override
	public String toString() {
		return "GlobalExcludes" + Objects.toString(userConfigs);
	}
}
