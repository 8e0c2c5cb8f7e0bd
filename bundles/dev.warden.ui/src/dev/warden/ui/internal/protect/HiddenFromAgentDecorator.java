package dev.warden.ui.internal.protect;

import dev.warden.ui.internal.WardenServices;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.viewers.IDecoration;
import org.eclipse.jface.viewers.ILightweightLabelDecorator;
import org.eclipse.jface.viewers.LabelProvider;

import java.util.List;

import dev.warden.core.protect.PathDecision;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.PathVerdict;

/**
 * Marks, in the Project Explorer and other resource views, the files and folders the agent cannot see: ignored by
 * {@code .gitignore}/{@code .wardenignore} or sensitive. Enabled in Preferences &gt; General &gt; Appearance &gt; Label
 * Decorations. Decorators run off the UI thread; a project's policy is built once and reads ignore files through its
 * own cache.
 */
public final class HiddenFromAgentDecorator extends LabelProvider implements ILightweightLabelDecorator {

	public static final String ID = "dev.warden.ui.decorators.hidden"; //$NON-NLS-1$

	private final Map<IProject, PathPolicy> policies = new ConcurrentHashMap<>();
	private volatile String sensitiveText = ""; //$NON-NLS-1$

	@Override
	public void decorate(Object element, IDecoration decoration) {
		if (!(element instanceof IResource resource) || resource.getType() == IResource.PROJECT
				|| resource.getType() == IResource.ROOT) {
			return;
		}
		IProject project = resource.getProject();
		IPath location = resource.getLocation();
		IPath projectLocation = project.getLocation();
		if (location == null || projectLocation == null || !project.isOpen()) {
			return;
		}
		PathDecision decision = policy(project).decide(Path.of(location.toOSString()));
		if (decision.verdict() == PathVerdict.HIDDEN) {
			decoration.addSuffix(' ' + ProtectMessages.Decorator_hidden);
		}
	}

	/** The reason the agent cannot see {@code resource}, or {@code null} if it can. */
	public String whyHidden(IResource resource) {
		IPath location = resource.getLocation();
		IPath projectLocation = resource.getProject().getLocation();
		if (location == null || projectLocation == null) {
			return null;
		}
		PathDecision decision = policy(resource.getProject()).decide(Path.of(location.toOSString()));
		return decision.verdict() == PathVerdict.HIDDEN ? decision.reason() : null;
	}

	/**
	 * The project's policy with the user's sensitive patterns; built again when the patterns were edited (ignore files
	 * are re-read by the policy itself when they change).
	 */
	private PathPolicy policy(IProject project) {
		String current = WardenServices.protection().sensitiveText();
		if (!current.equals(sensitiveText)) {
			policies.clear();
			sensitiveText = current;
		}
		return policies.computeIfAbsent(project, p -> PathPolicy.of(
				List.of(new ProtectedRoot(p.getName(), p.getLocation().toFile().toPath())), SensitivePatterns.parse(current)));
	}

	@Override
	public void dispose() {
		policies.clear();
		super.dispose();
	}
}
