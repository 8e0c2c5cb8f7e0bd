import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Checks Warden's structure from the built jars with the JDK's jdeps, as a reviewer would read it:
 * <ol>
 * <li>the UI imports no internal package of the core (it shows what the core's services assemble);</li>
 * <li>no class of a core API package and a class of an internal package depend on each other in a cycle (an API may
 * use its implementation, the implementation may use the API, never both ways round);</li>
 * <li>the UI's packages are named by feature.</li>
 * </ol>
 * Run as {@code java ArchitectureCheck.java CORE_JAR UI_JAR}; prints a closing count like the other contract checks
 * and exits 1 when a check fails.
 */
public final class ArchitectureCheck {

	private static final Set<String> UI_PACKAGES = Set.of("dev.warden.ui.internal", "dev.warden.ui.internal.chat",
			"dev.warden.ui.internal.changes", "dev.warden.ui.internal.trust", "dev.warden.ui.internal.protect",
			"dev.warden.ui.internal.audit", "dev.warden.ui.internal.model", "dev.warden.ui.internal.mcp");

	private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.warden\\.\\S+)\\s+->\\s+(dev\\.warden\\.\\S+)\\s");

	private static int passed;
	private static int failed;

	public static void main(String[] args) {
		if (args.length != 2) {
			System.err.println("usage: java ArchitectureCheck.java CORE_JAR UI_JAR");
			System.exit(2);
		}
		Map<String, Set<String>> core = classEdges(args[0]);
		Map<String, Set<String>> ui = classEdges(args[1]);
		check("jdeps read both jars", core.size() > 100 && ui.size() > 50,
				"classes read: core " + core.size() + ", UI " + ui.size());

		Set<String> uiToInternal = new TreeSet<>();
		ui.forEach((from, targets) -> targets.stream().filter(to -> to.startsWith("dev.warden.core.internal."))
				.forEach(to -> uiToInternal.add(outer(from) + " -> " + to)));
		check("the UI imports no internal package of the core", uiToInternal.isEmpty(), String.join("\n  ", uiToInternal));

		List<List<String>> mixed = new ArrayList<>();
		for (List<String> component : stronglyConnected(core)) {
			boolean api = component.stream().anyMatch(c -> !c.contains(".internal."));
			boolean internal = component.stream().anyMatch(c -> c.contains(".internal."));
			if (api && internal) {
				mixed.add(component);
			}
		}
		check("no cycle between the core's API and internal classes", mixed.isEmpty(), mixed.toString());

		Set<String> packages = new TreeSet<>();
		for (String type : ui.keySet()) {
			packages.add(type.substring(0, type.lastIndexOf('.')));
		}
		packages.removeAll(UI_PACKAGES);
		check("the UI's packages are named by feature (chat, changes, trust, protect, audit, model, mcp)", packages.isEmpty(),
				packages.toString());

		System.out.println("architecture: " + passed + " passed, " + failed + " failed");
		System.exit(failed == 0 ? 0 : 1);
	}

	private static void check(String name, boolean ok, String detail) {
		if (ok) {
			passed++;
		} else {
			failed++;
			System.out.println("FAILED " + name + ":\n  " + detail);
		}
	}

	/** The class-level dependencies between Warden's classes in {@code jar}, nested classes folded into their outer class. */
	private static Map<String, Set<String>> classEdges(String jar) {
		ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("no jdeps in this JDK"));
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:none",
				"--ignore-missing-deps", "--multi-release", "base", jar);
		if (status != 0) {
			throw new IllegalStateException("jdeps failed on " + jar + ": " + err);
		}
		Map<String, Set<String>> edges = new HashMap<>();
		for (String line : out.toString().split("\n")) {
			Matcher m = EDGE.matcher(line);
			if (m.find()) {
				String from = outer(m.group(1));
				String to = outer(m.group(2));
				Set<String> targets = edges.computeIfAbsent(from, k -> new LinkedHashSet<>());
				if (!from.equals(to)) {
					targets.add(to);
				}
			}
		}
		return edges;
	}

	private static String outer(String type) {
		int dollar = type.indexOf('$');
		return dollar < 0 ? type : type.substring(0, dollar);
	}

	/** Tarjan's strongly connected components, iteratively; only those with more than one class. */
	private static List<List<String>> stronglyConnected(Map<String, Set<String>> edges) {
		Map<String, Integer> index = new HashMap<>();
		Map<String, Integer> low = new HashMap<>();
		Deque<String> stack = new ArrayDeque<>();
		Set<String> onStack = new LinkedHashSet<>();
		List<List<String>> result = new ArrayList<>();
		int[] counter = { 0 };
		for (String start : edges.keySet()) {
			if (index.containsKey(start)) {
				continue;
			}
			Deque<Object[]> work = new ArrayDeque<>();
			work.push(new Object[] { start, new ArrayList<>(edges.getOrDefault(start, Set.of())).iterator() });
			index.put(start, counter[0]);
			low.put(start, counter[0]++);
			stack.push(start);
			onStack.add(start);
			while (!work.isEmpty()) {
				Object[] frame = work.peek();
				String v = (String) frame[0];
				@SuppressWarnings("unchecked")
				java.util.Iterator<String> it = (java.util.Iterator<String>) frame[1];
				if (it.hasNext()) {
					String w = it.next();
					if (!index.containsKey(w)) {
						index.put(w, counter[0]);
						low.put(w, counter[0]++);
						stack.push(w);
						onStack.add(w);
						work.push(new Object[] { w, new ArrayList<>(edges.getOrDefault(w, Set.of())).iterator() });
					} else if (onStack.contains(w)) {
						low.put(v, Math.min(low.get(v), index.get(w)));
					}
				} else {
					work.pop();
					if (!work.isEmpty()) {
						String parent = (String) work.peek()[0];
						low.put(parent, Math.min(low.get(parent), low.get(v)));
					}
					if (low.get(v).equals(index.get(v))) {
						List<String> component = new ArrayList<>();
						String w;
						do {
							w = stack.pop();
							onStack.remove(w);
							component.add(w);
						} while (!w.equals(v));
						if (component.size() > 1) {
							result.add(component);
						}
					}
				}
			}
		}
		return result;
	}
}
