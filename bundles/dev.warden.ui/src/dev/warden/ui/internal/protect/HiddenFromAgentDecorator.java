package dev.warden.ui.internal.protect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.viewers.IDecoration;
import org.eclipse.jface.viewers.ILightweightLabelDecorator;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.LabelProviderChangedEvent;

import dev.warden.core.protect.PathDecision;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.protect.VisibleFile;
import dev.warden.core.settings.Registration;
import dev.warden.ui.internal.UI;
import dev.warden.ui.internal.WardenServices;

/**
 * Marks, in the Project Explorer and other resource views, the files and folders the agent cannot see: ignored by
 * {@code .gitignore}/{@code .wardenignore} or sensitive. Enabled in Preferences &gt; General &gt; Appearance &gt; Label
 * Decorations. Decorators run off the UI thread. The decision is made once per folder: the first of its entries to be
 * decorated lists the folder with the project's policy (one directory read, the ignore rules applied once) and its
 * siblings are looked up by name. A change of an ignore file forgets the decisions of its folder and the folders
 * below it and decorates again only what was decorated there; an entry added or removed forgets its folder's.
 */
public final class HiddenFromAgentDecorator extends LabelProvider implements ILightweightLabelDecorator {

	public static final String ID = "dev.warden.ui.decorators.hidden"; //$NON-NLS-1$

	private static final Set<String> IGNORE_FILES = Set.of(".gitignore", ".wardenignore"); //$NON-NLS-1$ //$NON-NLS-2$

	/**
	 * What the agent sees of the entries of one folder: nothing when the folder is hidden, the names in
	 * {@code visible} when it is allowed; {@code decorated} are the entries decorated from it, refreshed when it
	 * changes.
	 */
	private record Folder(PathVerdict verdict, Set<String> visible, Set<IResource> decorated) {
		boolean hides(String name) {
			return verdict == PathVerdict.HIDDEN || verdict == PathVerdict.ALLOWED && !visible.contains(name);
		}
	}

	private final Map<IProject, PathPolicy> policies = new ConcurrentHashMap<>();
	private final Map<IContainer, Folder> folders = new ConcurrentHashMap<>();
	private final IResourceChangeListener listener = this::resourcesChanged;
	private volatile String sensitiveText = ""; //$NON-NLS-1$
	private final Registration protectionListener;

	public HiddenFromAgentDecorator() {
		ResourcesPlugin.getWorkspace().addResourceChangeListener(listener, IResourceChangeEvent.POST_CHANGE);
		protectionListener = WardenServices.protection().addListener(this::checkSensitivePatterns);
	}

	@Override
	public void decorate(Object element, IDecoration decoration) {
		if (!(element instanceof IResource resource) || resource.getType() == IResource.PROJECT
				|| resource.getType() == IResource.ROOT) {
			return;
		}
		IProject project = resource.getProject();
		IContainer parent = resource.getParent();
		if (!project.isOpen() || project.getLocation() == null || parent.getLocation() == null) {
			return;
		}
		checkSensitivePatterns();
		Folder folder = folders.computeIfAbsent(parent, this::read);
		folder.decorated().add(resource);
		if (folder.hides(resource.getName())) {
			decoration.addSuffix(' ' + ProtectMessages.Decorator_hidden);
		}
	}

	/** What the agent sees of {@code container}'s entries, from one listing of it. */
	private Folder read(IContainer container) {
		PathPolicy policy = policy(container.getProject());
		String location = container.getLocation().toOSString();
		PathVerdict verdict = container.getType() == IResource.PROJECT ? PathVerdict.ALLOWED
				: policy.decide(Path.of(location)).verdict();
		Set<String> visible = new HashSet<>();
		if (verdict == PathVerdict.ALLOWED) {
			for (VisibleFile file : policy.list(location)) {
				String relative = file.relativePath();
				visible.add(relative.substring(relative.lastIndexOf('/') + 1));
			}
		}
		return new Folder(verdict, visible, ConcurrentHashMap.newKeySet());
	}

	/** The reason the agent cannot see {@code resource}, or {@code null} if it can. */
	public String whyHidden(IResource resource) {
		IPath location = resource.getLocation();
		IPath projectLocation = resource.getProject().getLocation();
		if (location == null || projectLocation == null) {
			return null;
		}
		checkSensitivePatterns();
		PathDecision decision = policy(resource.getProject()).decide(Path.of(location.toOSString()));
		return decision.verdict() == PathVerdict.HIDDEN ? decision.reason() : null;
	}

	/**
	 * Forgets every decision when the user's sensitive patterns were edited (ignore files are followed by the resource
	 * listener), and decorates again what was decorated until then: labels already shown follow the edit. Called by
	 * the settings' listener, and before each decision in case the edit came before the listener was added.
	 */
	private void checkSensitivePatterns() {
		String current = WardenServices.protection().sensitiveText();
		List<IResource> decorated;
		synchronized (this) {
			if (current.equals(sensitiveText)) {
				return;
			}
			decorated = forgetBelow(IPath.ROOT);
			policies.clear();
			sensitiveText = current;
		}
		redecorate(new HashSet<>(decorated));
	}

	private PathPolicy policy(IProject project) {
		return policies.computeIfAbsent(project, p -> PathPolicy.of(
				List.of(new ProtectedRoot(p.getName(), p.getLocation().toFile().toPath())),
				SensitivePatterns.parse(sensitiveText)));
	}

	/**
	 * Forgets the decisions a change makes stale: an ignore file's folder and the folders below it (whose entries are
	 * decorated again), the folder of an entry added or removed, a project closed or deleted.
	 */
	private void resourcesChanged(IResourceChangeEvent event) {
		IResourceDelta delta = event.getDelta();
		if (delta == null || folders.isEmpty() && policies.isEmpty()) {
			return;
		}
		Set<IResource> redecorate = new HashSet<>();
		try {
			delta.accept(child -> {
				IResource resource = child.getResource();
				int kind = child.getKind();
				if (resource.getType() == IResource.PROJECT && (kind == IResourceDelta.REMOVED
						|| (child.getFlags() & IResourceDelta.OPEN) != 0)) {
					policies.remove(resource);
					forgetBelow(resource.getFullPath());
					return false;
				}
				if (kind == IResourceDelta.ADDED || kind == IResourceDelta.REMOVED) {
					folders.remove(resource.getParent());
				}
				if (resource.getType() == IResource.FILE && IGNORE_FILES.contains(resource.getName())) {
					redecorate.addAll(forgetBelow(resource.getParent().getFullPath()));
				}
				return true;
			});
		} catch (CoreException e) {
			ILog.of(getClass()).log(e.getStatus());
		}
		redecorate(redecorate);
	}

	private void redecorate(Set<IResource> resources) {
		resources.removeIf(r -> !r.exists());
		if (!resources.isEmpty()) {
			LabelProviderChangedEvent changed = new LabelProviderChangedEvent(this, resources.toArray());
			UI.runOnUIThread(() -> fireLabelProviderChanged(changed));
		}
	}

	/** Forgets the decisions of the folder at {@code path} and of those below it; the entries decorated from them. */
	private List<IResource> forgetBelow(IPath path) {
		List<IResource> decorated = new ArrayList<>();
		folders.keySet().removeIf(container -> {
			if (!path.isPrefixOf(container.getFullPath())) {
				return false;
			}
			Folder folder = folders.get(container);
			if (folder != null) {
				decorated.addAll(folder.decorated());
			}
			return true;
		});
		return decorated;
	}

	/** How many folders' decisions are held; for tests. */
	public int foldersKnown() {
		return folders.size();
	}

	@Override
	public void dispose() {
		ResourcesPlugin.getWorkspace().removeResourceChangeListener(listener);
		protectionListener.close();
		policies.clear();
		folders.clear();
		super.dispose();
	}
}
