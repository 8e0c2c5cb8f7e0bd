package dev.warden.core.sandbox;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;

/**
 * What one sandboxed command may see and reach.
 *
 * @param roots        the projects in scope: seen through a copy-on-write layer whose writes become the change set;
 *                     none may lie inside another
 * @param sensitive    the sensitive patterns; with each root's {@code .wardenignore} they decide which files of the
 *                     roots are masked (the rules of {@link dev.warden.core.protect.PathPolicy}, not a copy of them)
 * @param masked       further absolute paths masked wherever they are (the workspace {@code .metadata}, Eclipse
 *                     secure storage, credential stores of the home folder, the user's own list); missing ones are
 *                     skipped
 * @param readable     masked files inside the roots that commands may read anyway (a project's allowance, e.g. a
 *                     {@code .env} its tests need); they stay unchangeable
 * @param allowedHosts hosts commands may reach through the proxy ({@code name} or {@code *.domain}), still subject to
 *                     the URL policy
 * @param network      whether commands may reach any host the URL policy allows (a one-off grant); without it and
 *                     without allowed hosts there is no network at all
 */
public record SandboxSpec(List<ProtectedRoot> roots, SensitivePatterns sensitive, List<Path> masked,
		Set<Path> readable, Set<String> allowedHosts, boolean network) {

	/**
	 * What of a home folder commands never see, relative to it: the credential stores of common tools ({@code ~/.ssh},
	 * {@code ~/.aws}, {@code ~/.gnupg}, {@code ~/.config/gh}, {@code ~/.docker/config.json}, {@code ~/.kube},
	 * {@code ~/.netrc}, {@code ~/.git-credentials}, {@code ~/.npmrc}, {@code ~/.pypirc} and those of the sensitive
	 * patterns' list that live in a home folder), the tokens of cloud, hosting and AI command-line tools, browser and
	 * mail profiles (cookies, saved passwords), shell and database histories, and the sockets in a home folder that
	 * answer with credentials or run containers for the asker (Docker Desktop, Colima, Rancher Desktop, Lima,
	 * OrbStack, Podman machines, Git's credential cache, password managers' SSH agents): a container engine mounts
	 * any folder of the host into a container it starts.
	 */
	public static final List<String> HOME_CREDENTIAL_STORES = List.of(
			// keys, password stores and the credential files of package managers and version control
			".ssh", ".gnupg", ".password-store", ".local/share/keyrings", ".local/share/kwalletd", ".pki",
			".netrc", "_netrc", ".git-credentials", ".config/git/credentials", ".npmrc", ".yarnrc", ".yarnrc.yml",
			".pypirc", ".config/pip/pip.conf", ".pip/pip.conf", ".condarc", ".gem/credentials", ".cargo/credentials",
			".cargo/credentials.toml", ".composer/auth.json", ".config/composer/auth.json", ".nuget/NuGet/NuGet.Config",
			".config/NuGet/NuGet.Config", ".ivy2/.credentials", ".sbt/.credentials", ".m2/settings.xml",
			".m2/settings-security.xml", ".gradle/gradle.properties", ".config/hub", ".config/gh", ".config/glab-cli",
			".config/tea", ".config/op", ".config/Bitwarden CLI", ".local/share/gopass", ".config/sops",
			// containers and clusters: credentials, and the sockets and contexts of engines that run as the user
			".docker/config.json", ".docker/run", ".docker/desktop", ".docker/contexts", ".dockercfg",
			".config/containers/auth.json", ".local/share/containers/podman", ".colima", ".rd", ".lima", ".orbstack",
			".kube", ".config/helm/repositories.yaml", ".tsh",
			// sockets that hand out credentials
			".cache/git/credential", ".git-credential-cache", ".1password", ".bitwarden-ssh-agent.sock",
			// cloud, hosting and database tools
			".aws", ".azure", ".config/gcloud", ".oci", ".bluemix", ".config/doctl", ".config/hcloud", ".config/scw",
			".config/linode-cli", ".linode-cli", ".vault-token", ".terraform.d/credentials.tfrc.json", ".terraformrc",
			".pulumi/credentials.json", ".config/configstore", ".wrangler", ".config/.wrangler", ".config/netlify",
			".local/share/com.vercel.cli", ".fly", ".railway", ".supabase", ".config/stripe", ".sentryclirc",
			".config/doppler", ".circleci/cli.yml", ".travis/config.yml", ".config/ngrok", ".ngrok2", ".expo/state.json",
			".databrickscfg", ".snowflake", ".dbt/profiles.yml", ".kaggle", ".huggingface/token",
			".cache/huggingface/token", ".s3cfg", ".passwd-s3fs", ".boto", ".config/rclone", ".pgpass",
			".pg_service.conf", ".my.cnf", ".mylogin.cnf", ".rediscli_auth", ".cassandra", ".msmtprc", ".fetchmailrc",
			".local/share/DBeaverData",
			// the credentials of AI assistants and their command-line tools
			".claude/.credentials.json", ".codex/auth.json", ".config/github-copilot", ".gemini/oauth_creds.json",
			// browser and mail profiles: cookies and saved passwords
			".mozilla", ".thunderbird", ".config/google-chrome", ".config/chromium", ".config/BraveSoftware",
			".config/microsoft-edge", ".config/vivaldi", ".config/opera",
			// histories, where typed passwords and tokens stay
			".bash_history", ".zsh_history", ".zhistory", ".histfile", ".sh_history", ".ksh_history",
			".local/share/fish/fish_history", ".python_history", ".node_repl_history", ".psql_history",
			".mysql_history", ".sqlite_history", ".rediscli_history", ".irb_history", ".Rhistory", ".dbshell",
			".mongosh", ".lesshst", ".viminfo");

	/** Eclipse secure storage, relative to the home folder. */
	public static final String ECLIPSE_SECURE_STORAGE = ".eclipse/org.eclipse.equinox.security";

	public SandboxSpec {
		roots = List.copyOf(roots);
		Objects.requireNonNull(sensitive, "sensitive");
		masked = List.copyOf(masked);
		readable = Set.copyOf(readable);
		allowedHosts = Set.copyOf(allowedHosts);
		if (roots.isEmpty()) {
			throw new IllegalArgumentException("a sandbox needs at least one root");
		}
		for (ProtectedRoot a : roots) {
			for (ProtectedRoot b : roots) {
				Path pa = a.path().toAbsolutePath().normalize();
				Path pb = b.path().toAbsolutePath().normalize();
				if (a != b && pb.startsWith(pa)) {
					throw new IllegalArgumentException("root '" + b.path() + "' lies inside root '" + a.path()
							+ "'; give the outer one only");
				}
			}
		}
	}

	/**
	 * A spec with the standard masks ({@link #standardMasks}), the built-in sensitive patterns, no allowance and no
	 * network: what {@code releng/bin/sandbox-run} uses.
	 */
	public static SandboxSpec of(List<ProtectedRoot> roots, Path home) {
		return new SandboxSpec(roots, SensitivePatterns.defaults(), standardMasks(roots, home, List.of()), Set.of(),
				Set.of(), false);
	}

	/** This spec with commands allowed to reach {@code hosts} through the proxy. */
	public SandboxSpec withAllowedHosts(Set<String> hosts) {
		return new SandboxSpec(roots, sensitive, masked, readable, hosts, network);
	}

	/** This spec with (or without) network to any host the URL policy allows, for one run. */
	public SandboxSpec withNetwork(boolean granted) {
		return new SandboxSpec(roots, sensitive, masked, readable, allowedHosts, granted);
	}

	/** This spec with the masked files of the roots that commands may read anyway. */
	public SandboxSpec withReadable(Set<Path> files) {
		return new SandboxSpec(roots, sensitive, masked, files, allowedHosts, network);
	}

	/**
	 * The masks every command gets besides the roots' sensitive files: the credential stores of {@code home}
	 * ({@link #HOME_CREDENTIAL_STORES}), Eclipse secure storage, the Eclipse workspace {@code .metadata} (looked for
	 * in each root's parent folders: a project usually lies in its workspace), and {@code extra} (absolute paths, or
	 * paths relative to the home folder, as a user lists them).
	 */
	public static List<Path> standardMasks(List<ProtectedRoot> roots, Path home, List<String> extra) {
		Set<Path> masks = new LinkedHashSet<>();
		if (home != null) {
			for (String store : HOME_CREDENTIAL_STORES) {
				masks.add(home.resolve(store));
			}
			masks.add(home.resolve(ECLIPSE_SECURE_STORAGE));
		}
		for (ProtectedRoot root : roots) {
			for (Path dir = root.path().toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
				Path metadata = dir.resolve(".metadata");
				if (Files.isDirectory(metadata, LinkOption.NOFOLLOW_LINKS)) {
					masks.add(metadata);
				}
			}
		}
		for (String entry : extra) {
			String trimmed = entry.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			if (trimmed.startsWith("~/") && home != null) {
				masks.add(home.resolve(trimmed.substring(2)));
			} else if (Path.of(trimmed).isAbsolute()) {
				masks.add(Path.of(trimmed));
			} else if (home != null) {
				masks.add(home.resolve(trimmed));
			}
		}
		return new ArrayList<>(masks);
	}

	/** Whether commands get a proxy to the network at all. */
	public boolean hasNetwork() {
		return network || !allowedHosts.isEmpty();
	}
}
