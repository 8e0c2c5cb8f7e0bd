package dev.warden.core.internal.trust;

import java.util.List;
import java.util.Set;

/**
 * Environment and shell variables whose value changes <em>which</em> program runs or makes a program load or run
 * code it was not asked to: assigning one of them is never covered by a trusted pattern.
 */
public final class DangerousVariables {

	private static final Set<String> NAMES = Names.setOf(
			// the shell itself
			"PATH", "IFS", "ENV", "BASH_ENV", "PROMPT_COMMAND", "PS0", "PS1", "PS4", "SHELLOPTS", "BASHOPTS",
			"CDPATH", "HOME", "ZDOTDIR", "SHELL", "HISTFILE", "INPUTRC", "GLOBIGNORE", "BASH_LOADABLES_PATH",
			"XDG_CONFIG_HOME", "TMOUT",
			// dynamic linker
			"GCONV_PATH", "HOSTALIASES", "LOCPATH", "NLSPATH", "MALLOC_TRACE", "RESOLV_HOST_CONF",
			// interpreters and runtimes
			"NODE_OPTIONS", "NODE_PATH", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONINSPECT",
			"PYTHONUSERBASE", "PYTHONEXECUTABLE", "PERL5OPT", "PERL5LIB", "PERLLIB", "PERL5DB", "RUBYOPT", "RUBYLIB",
			"JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH", "MAVEN_OPTS", "MAVEN_ARGS",
			"GRADLE_OPTS", "JAVA_HOME", "LUA_INIT", "LUA_PATH", "LUA_CPATH", "PHPRC", "PHP_INI_SCAN_DIR",
			"DOTNET_STARTUP_HOOKS", "RUSTC_WRAPPER", "RUSTC", "CC", "CXX", "LD", "AR", "GOFLAGS", "GOTOOLCHAIN",
			"TCLLIBPATH", "R_PROFILE", "R_PROFILE_USER", "EMACSLOADPATH",
			// version control and tools that start other programs
			"GIT_SSH", "GIT_SSH_COMMAND", "GIT_EXEC_PATH", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "GIT_PAGER",
			"GIT_ASKPASS", "GIT_EXTERNAL_DIFF", "GIT_PROXY_COMMAND", "GIT_TEMPLATE_DIR", "GIT_DIR", "GIT_WORK_TREE",
			"GIT_COMMON_DIR", "GIT_INDEX_FILE", "SSH_ASKPASS", "SSH_AUTH_SOCK", "EDITOR", "VISUAL", "PAGER",
			"MANPAGER", "MANOPT", "LESSOPEN", "LESSCLOSE", "LESSKEY", "BROWSER", "SUDO_ASKPASS", "TERMINAL",
			"SYSTEMD_PAGER", "MAKEFLAGS", "MFLAGS", "MAKEFILES", "CARGO_HOME", "RUSTUP_HOME", "PIP_INDEX_URL",
			"PIP_EXTRA_INDEX_URL", "PIP_CONFIG_FILE", "NPM_CONFIG_USERCONFIG", "YARN_RC_FILENAME");

	private static final List<String> PREFIXES = List.of("LD_", "DYLD_", "BASH_FUNC_", "GIT_CONFIG", "npm_config_",
			"NPM_CONFIG_", "CARGO_", "CORECLR_", "COMPlus_", "DOTNET_", "PYTHON", "JAVA_", "GEM_", "BUNDLE_");

	private DangerousVariables() {
	}

	/** Whether assigning this variable can change what runs. */
	public static boolean isDangerous(String name) {
		if (NAMES.contains(name)) {
			return true;
		}
		for (String prefix : PREFIXES) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** The reason a user reads. */
	public static String reason(String name) {
		return "assigning " + name + " can change which program runs or what code it loads";
	}
}
