package dev.warden.startupprobe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Measures one start of the IDE for the start-up benchmark ({@code releng/bin/benchmark startup}), and only when the
 * IDE was started with {@code -Dwarden.startupprobe=FILE}. Once the workbench window is open and the UI thread takes
 * events, it notes the time, waits for the start-up jobs to finish, collects the heap and notes what is in use, which
 * of Warden's bundles are active and which of Warden's views are open, writes that to FILE as {@code key=value} lines
 * and closes the workbench. With {@code -Dwarden.startupprobe.setup=true} it first makes projects of the folders with a
 * {@code .project} file in the workspace folder and closes Warden's views, so that later starts find them.
 */
public final class StartupProbe implements IStartup {

	static final String PROPERTY = "warden.startupprobe"; //$NON-NLS-1$

	@Override
	public void earlyStartup() {
		String file = System.getProperty(PROPERTY);
		if (file == null || file.isBlank()) {
			return;
		}
		IWorkbench workbench = PlatformUI.getWorkbench();
		whenReady(workbench, () -> {
			long readyAt = System.currentTimeMillis();
			Thread thread = new Thread(() -> measure(workbench, Path.of(file), readyAt), "Warden start-up probe"); //$NON-NLS-1$
			thread.setDaemon(true);
			thread.start();
		});
	}

	/** Runs {@code then} on the UI thread once a workbench window is open and visible. */
	private static void whenReady(IWorkbench workbench, Runnable then) {
		Display display = workbench.getDisplay();
		display.asyncExec(() -> {
			IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
			Shell shell = window == null ? null : window.getShell();
			if (shell == null || !shell.isVisible()) {
				whenReady(workbench, then);
				return;
			}
			then.run();
		});
	}

	private static void measure(IWorkbench workbench, Path file, long readyAt) {
		List<String> lines = new ArrayList<>();
		lines.add("ready=" + readyAt); //$NON-NLS-1$
		try {
			if (Boolean.getBoolean(PROPERTY + ".setup")) { //$NON-NLS-1$
				lines.add("projects=" + importProjects()); //$NON-NLS-1$
				ui(workbench, () -> closeWardenViews(workbench));
			}
			long idleFrom = System.nanoTime();
			boolean idle = waitForIdle(60_000);
			lines.add("idle=" + idle + " after " + (System.nanoTime() - idleFrom) / 1_000_000 + " ms"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			for (int i = 0; i < 4; i++) {
				System.gc();
				Thread.sleep(200);
			}
			lines.add("heap=" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()); //$NON-NLS-1$
			lines.add("active=" + wardenBundles(Bundle.ACTIVE)); //$NON-NLS-1$
			lines.add("starting=" + wardenBundles(Bundle.STARTING)); //$NON-NLS-1$
			lines.add("views=" + ui(workbench, () -> wardenViews(workbench))); //$NON-NLS-1$
		} catch (Exception e) {
			lines.add("error=" + e); //$NON-NLS-1$
		}
		try {
			Path written = file.resolveSibling(file.getFileName() + ".part"); //$NON-NLS-1$
			Files.write(written, lines);
			Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} catch (IOException e) {
			System.err.println("start-up probe: cannot write " + file + ": " + e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		workbench.getDisplay().asyncExec(workbench::close);
	}

	/** Waits until no job runs or waits, or until {@code millis} passed; true when the job manager became idle. */
	private static boolean waitForIdle(long millis) throws InterruptedException {
		long end = System.currentTimeMillis() + millis;
		int quiet = 0;
		while (System.currentTimeMillis() < end) {
			quiet = Job.getJobManager().isIdle() ? quiet + 1 : 0;
			if (quiet >= 5) {
				return true;
			}
			Thread.sleep(100);
		}
		return false;
	}

	/** Makes an open project of every folder of the workspace folder that has a {@code .project} file. */
	private static int importProjects() throws CoreException, IOException {
		IWorkspace workspace = ResourcesPlugin.getWorkspace();
		Path root = workspace.getRoot().getLocation().toFile().toPath();
		List<Path> folders;
		try (Stream<Path> children = Files.list(root)) {
			folders = children.filter(p -> Files.isRegularFile(p.resolve(".project"))).sorted().toList(); //$NON-NLS-1$
		}
		workspace.run(monitor -> {
			for (Path folder : folders) {
				IProjectDescription description = workspace.loadProjectDescription(
						org.eclipse.core.runtime.IPath.fromPath(folder.resolve(".project"))); //$NON-NLS-1$
				description.setLocation(null);
				IProject project = workspace.getRoot().getProject(description.getName());
				if (!project.exists()) {
					project.create(description, monitor);
				}
				project.open(monitor);
			}
		}, null);
		return folders.size();
	}

	private static Void closeWardenViews(IWorkbench workbench) {
		for (IWorkbenchWindow window : workbench.getWorkbenchWindows()) {
			for (IWorkbenchPage page : window.getPages()) {
				for (IViewReference view : page.getViewReferences()) {
					if (view.getId().startsWith("dev.warden.")) { //$NON-NLS-1$
						page.hideView(view);
					}
				}
			}
		}
		return null;
	}

	private static String wardenViews(IWorkbench workbench) {
		List<String> ids = new ArrayList<>();
		for (IWorkbenchWindow window : workbench.getWorkbenchWindows()) {
			for (IWorkbenchPage page : window.getPages()) {
				for (IViewReference view : page.getViewReferences()) {
					if (view.getId().startsWith("dev.warden.")) { //$NON-NLS-1$
						ids.add(view.getId());
					}
				}
			}
		}
		return String.join(",", ids); //$NON-NLS-1$
	}

	private static String wardenBundles(int state) {
		List<String> names = new ArrayList<>();
		for (Bundle bundle : FrameworkUtil.getBundle(PlatformUI.class).getBundleContext().getBundles()) {
			if (bundle.getSymbolicName().startsWith("dev.warden.") && !bundle.getSymbolicName().equals("dev.warden.startupprobe") //$NON-NLS-1$ //$NON-NLS-2$
					&& bundle.getState() == state) {
				names.add(bundle.getSymbolicName());
			}
		}
		return String.join(",", names); //$NON-NLS-1$
	}

	private interface UiCall<T> {
		T call() throws Exception;
	}

	private static <T> T ui(IWorkbench workbench, UiCall<T> call) throws Exception {
		CompletableFuture<T> result = new CompletableFuture<>();
		workbench.getDisplay().asyncExec(() -> {
			try {
				result.complete(call.call());
			} catch (Throwable e) {
				result.completeExceptionally(e);
			}
		});
		return result.get();
	}
}
