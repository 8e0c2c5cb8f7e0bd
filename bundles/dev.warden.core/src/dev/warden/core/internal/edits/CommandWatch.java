package dev.warden.core.internal.edits;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFileState;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.NullProgressMonitor;

import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.WorkspaceFileContents;
import dev.warden.core.changes.Original;
import dev.warden.core.changes.OriginalSource;
import dev.warden.core.internal.changes.GitOriginals;

/**
 * Finds the files a command the agent runs changes in a project, and records them in the session's change journal.
 * The project is refreshed when the watch starts (so that what the workspace knows is what is on disk) and when it
 * ends; the resource deltas in between name the files created, changed and deleted. Nothing is copied beforehand, so
 * a watch costs nothing per file of the workspace beyond the refresh.
 * <p>
 * A changed file's original is what the journal holds when the session touched it before; else the local history
 * state saved with the very timestamp the workspace knew before the command (exact when there is one); else the
 * file's version in the Git index or {@code HEAD}; else it is recorded as unrecoverable, which View all changes and
 * the restore dialog show.
 */
final class CommandWatch implements AutoCloseable, IResourceChangeListener {

	private final ChangeSession session;
	private final IProject project;
	private final String commandLine;
	private final IWorkspace workspace = ResourcesPlugin.getWorkspace();
	private final Map<IPath, Integer> changed = new LinkedHashMap<>();
	private boolean closed;

	CommandWatch(ChangeSession session, IProject project, String commandLine) {
		this.session = session;
		this.project = project;
		this.commandLine = commandLine;
		try {
			project.refreshLocal(IResource.DEPTH_INFINITE, new NullProgressMonitor());
		} catch (CoreException e) {
			ILog.of(getClass()).warn("Could not refresh " + project.getName() + " before a command", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		workspace.addResourceChangeListener(this, IResourceChangeEvent.POST_CHANGE);
	}

	@Override
	public void resourceChanged(IResourceChangeEvent event) {
		IResourceDelta delta = event.getDelta();
		IResourceDelta projectDelta = delta == null ? null : delta.findMember(project.getFullPath());
		if (projectDelta == null) {
			return;
		}
		try {
			projectDelta.accept(this::collect);
		} catch (CoreException e) {
			ILog.of(getClass()).warn("Could not read the changes of a command", e); //$NON-NLS-1$
		}
	}

	private boolean collect(IResourceDelta delta) {
		IResource resource = delta.getResource();
		if (resource.isTeamPrivateMember(IResource.CHECK_ANCESTORS) || resource.isDerived(IResource.CHECK_ANCESTORS)) {
			return false;
		}
		if (resource.getType() != IResource.FILE) {
			return true;
		}
		boolean content = delta.getKind() != IResourceDelta.CHANGED
				|| (delta.getFlags() & (IResourceDelta.CONTENT | IResourceDelta.REPLACED)) != 0;
		if (content) {
			synchronized (changed) {
				changed.merge(resource.getFullPath(), delta.getKind(), (first, next) -> first);
			}
		}
		return true;
	}

	/** Refreshes the project and records every file the command changed; failures are logged, not thrown. */
	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		try {
			Map<IPath, Long> stampsBefore = staleStamps();
			project.refreshLocal(IResource.DEPTH_INFINITE, new NullProgressMonitor());
			workspace.removeResourceChangeListener(this);
			Map<IPath, Integer> files;
			synchronized (changed) {
				files = new LinkedHashMap<>(changed);
			}
			for (Map.Entry<IPath, Integer> entry : files.entrySet()) {
				record(workspace.getRoot().getFile(entry.getKey()), entry.getValue(), stampsBefore.get(entry.getKey()));
			}
		} catch (CoreException | IOException e) {
			ILog.of(getClass()).error("Could not record the files changed by: " + commandLine, e); //$NON-NLS-1$
		} finally {
			workspace.removeResourceChangeListener(this);
		}
	}

	/** The timestamps the workspace knew for the files that changed on disk since, before refreshing them. */
	private Map<IPath, Long> staleStamps() throws CoreException {
		Map<IPath, Long> stamps = new HashMap<>();
		project.accept(proxy -> {
			if (proxy.getType() == IResource.FILE && !proxy.isTeamPrivateMember() && !proxy.isDerived()) {
				IResource file = proxy.requestResource();
				if (!file.isSynchronized(IResource.DEPTH_ZERO)) {
					stamps.put(file.getFullPath(), file.getLocalTimeStamp());
				}
			}
			return !proxy.isTeamPrivateMember() && !proxy.isDerived();
		}, IResource.NONE);
		return stamps;
	}

	private void record(IFile file, int kind, Long stampBefore) throws CoreException, IOException {
		String path = WorkspaceFileContents.journalPath(file);
		byte[] after = file.exists() ? read(file) : null;
		Original original = kind == IResourceDelta.ADDED
				? session.journalOriginal(path).orElse(Original.absent(OriginalSource.DISK))
				: original(file, path, stampBefore);
		if (original.recoverable() && Arrays.equals(original.content(), after)) {
			return; // touched, but back as it was
		}
		session.recordCommandChange(path, original, after, commandLine);
	}

	private Original original(IFile file, String path, Long stampBefore) throws CoreException, IOException {
		Optional<Original> journal = session.journalOriginal(path);
		if (journal.isPresent()) {
			return journal.get();
		}
		if (stampBefore != null) {
			for (IFileState state : file.getHistory(new NullProgressMonitor())) {
				if (state.getModificationTime() == stampBefore) {
					try (InputStream in = state.getContents()) {
						return Original.of(in.readAllBytes(), OriginalSource.LOCAL_HISTORY);
					}
				}
			}
		}
		if (file.getLocation() != null) {
			Optional<Original> git = GitOriginals.lookup(file.getLocation().toPath());
			if (git.isPresent()) {
				return git.get();
			}
		}
		return Original.unrecoverable();
	}

	private static byte[] read(IFile file) throws CoreException, IOException {
		try (InputStream in = file.getContents(true)) {
			return in.readAllBytes();
		}
	}
}
