package dev.warden.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.IDecoration;
import org.eclipse.jface.viewers.IDecorationContext;
import org.eclipse.jface.viewers.ILabelProviderListener;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Item;
import org.eclipse.ui.IDecoratorManager;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonViewer;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.core.settings.ProtectionSettings;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.protect.HiddenFromAgentDecorator;

/** The files the agent cannot see are marked in a real project. */
class HiddenFilesDecoratorTest {

	private IProject project;

	@BeforeEach
	void createProject() throws CoreException {
		project = ResourcesPlugin.getWorkspace().getRoot().getProject("decorated");
		project.create(null);
		project.open(null);
		file(".gitignore", "build/\n*.log\n");
		file(".env", "API_TOKEN=x\n");
		file("app.log", "log\n");
		file("src/Main.java", "class Main {}\n");
		file("build/Main.class", "\u00ca\u00fe");
	}

	@AfterEach
	void deleteProject() throws CoreException {
		project.delete(true, true, null);
	}

	private IFile file(String path, String content) throws CoreException {
		IFile file = project.getFile(path);
		if (file.getParent() instanceof IFolder folder && !folder.exists()) {
			folder.create(true, true, null);
		}
		file.create(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), true, null);
		return file;
	}

	@Test
	void ignoredAndSensitiveFilesAreMarkedAndOthersAreNot() throws Exception {
		HiddenFromAgentDecorator decorator = new HiddenFromAgentDecorator();
		try {
			assertTrue(decorator.whyHidden(project.getFile(".env")).startsWith("sensitive"));
			assertTrue(decorator.whyHidden(project.getFile("app.log")).contains(".gitignore"));
			assertTrue(decorator.whyHidden(project.getFolder("build")).contains(".gitignore"));
			assertNull(decorator.whyHidden(project.getFile("src/Main.java")));
			assertNull(decorator.whyHidden(project.getFile(".gitignore")));

			assertEquals(List.of(" [hidden from agent]"), suffixes(decorator, project.getFile(".env")));
			assertEquals(List.of(), suffixes(decorator, project.getFile("src/Main.java")));
		} finally {
			decorator.dispose();
		}

		CommonNavigator explorer = (CommonNavigator) Workbenches.page().showView("org.eclipse.ui.navigator.ProjectExplorer");
		explorer.getCommonViewer().expandToLevel(project, 2);
		explorer.selectReveal(new StructuredSelection(project.getFile(".env")));
		Screenshots.take(explorer.getSite().getShell(), "hidden-files-decorator");
	}

	@Test
	void aChangedGitignoreDecoratesItsFolderAgainAndNoOther() throws Exception {
		file("a/.gitignore", "*.log\n");
		file("a/one.txt", "1\n");
		file("a/two.txt", "2\n");
		file("b/one.txt", "1\n");
		file("b/two.txt", "2\n");
		IDecoratorManager manager = PlatformUI.getWorkbench().getDecoratorManager();
		assertTrue(manager.getEnabled(HiddenFromAgentDecorator.ID), "the decorator is on by default");
		Display display = PlatformUI.getWorkbench().getDisplay();
		CommonNavigator explorer = (CommonNavigator) Workbenches.page().showView("org.eclipse.ui.navigator.ProjectExplorer");
		CommonViewer viewer = explorer.getCommonViewer();
		viewer.expandToLevel(project.getFolder("a"), 1);
		viewer.expandToLevel(project.getFolder("b"), 1);
		// the decisions of the project, a and b are known and the decoration jobs are done
		Workbenches.waitUntil(display, () -> label(viewer, project.getFile("app.log")).endsWith(HIDDEN)
				&& manager.getBaseLabelProvider(HiddenFromAgentDecorator.ID) instanceof HiddenFromAgentDecorator known
				&& known.foldersKnown() >= 3 && Job.getJobManager().isIdle(), 60, "the folders are decorated");
		assertEquals("one.txt", label(viewer, project.getFile("a/one.txt")));
		assertEquals("one.txt", label(viewer, project.getFile("b/one.txt")));

		HiddenFromAgentDecorator decorator = (HiddenFromAgentDecorator) manager
				.getBaseLabelProvider(HiddenFromAgentDecorator.ID);
		Set<Object> redecorated = ConcurrentHashMap.newKeySet();
		ILabelProviderListener listener = event -> redecorated
				.addAll(event.getElements() == null ? List.of("everything") : List.of(event.getElements()));
		decorator.addListener(listener);
		try {
			project.getFile("a/.gitignore").setContents(
					new ByteArrayInputStream("*.log\none.txt\n".getBytes(StandardCharsets.UTF_8)), true, false, null);
			Workbenches.waitUntil(display, () -> label(viewer, project.getFile("a/one.txt")).endsWith(HIDDEN), 60,
					"a/one.txt is marked after a/.gitignore named it");
			Workbenches.settle(display);
		} finally {
			decorator.removeListener(listener);
		}
		assertEquals("two.txt", label(viewer, project.getFile("a/two.txt")));
		assertEquals("one.txt", label(viewer, project.getFile("b/one.txt")), "b has no ignore file of its own");
		assertTrue(redecorated.contains(project.getFile("a/one.txt")), "redecorated: " + redecorated);
		assertTrue(redecorated.stream().allMatch(e -> e instanceof IResource r
				&& project.getFolder("a").getFullPath().isPrefixOf(r.getFullPath())),
				"only the entries of a are decorated again: " + redecorated);

		file("a/three.txt", "3\n");
		file("a/new.log", "log\n");
		viewer.refresh(project.getFolder("a"));
		Workbenches.waitUntil(display, () -> label(viewer, project.getFile("a/new.log")).endsWith(HIDDEN)
				&& label(viewer, project.getFile("a/three.txt")).equals("three.txt"), 60,
				"a file added to a known folder is decided by the rules of that folder");
	}

	@Test
	void anEditedSensitivePatternDecoratesTheLabelsAlreadyShown() throws Exception {
		file("notes/plan.txt", "plan\n");
		file("notes/keys.pem", "-----BEGIN\n");
		Display display = PlatformUI.getWorkbench().getDisplay();
		CommonNavigator explorer = (CommonNavigator) Workbenches.page().showView("org.eclipse.ui.navigator.ProjectExplorer");
		CommonViewer viewer = explorer.getCommonViewer();
		viewer.expandToLevel(project.getFolder("notes"), 1);
		Workbenches.waitUntil(display, () -> label(viewer, project.getFile("notes/keys.pem")).endsWith(HIDDEN)
				&& label(viewer, project.getFile("notes/plan.txt")).equals("plan.txt") && Job.getJobManager().isIdle(),
				60, "the folder is decorated");

		ProtectionSettings protection = WardenServices.protection();
		String before = protection.sensitiveText();
		try {
			protection.saveSensitiveText(before + "\nplan.txt\n");
			Workbenches.waitUntil(display, () -> label(viewer, project.getFile("notes/plan.txt")).endsWith(HIDDEN), 60,
					"plan.txt, already shown, is marked once a sensitive pattern names it");
			protection.saveSensitiveText(before);
			Workbenches.waitUntil(display, () -> label(viewer, project.getFile("notes/plan.txt")).equals("plan.txt"),
					60, "the mark goes when the pattern is removed again");
		} finally {
			protection.saveSensitiveText(before);
		}
		assertTrue(label(viewer, project.getFile("notes/keys.pem")).endsWith(HIDDEN), "the built-in patterns still hold");
	}

	private static final String HIDDEN = "[hidden from agent]";

	/** The text the Project Explorer shows for {@code resource}, or "" while it shows none. */
	private static String label(CommonViewer viewer, IResource resource) {
		return viewer.testFindItem(resource) instanceof Item item ? item.getText() : "";
	}

	private static List<String> suffixes(HiddenFromAgentDecorator decorator, Object element) {
		List<String> suffixes = new ArrayList<>();
		decorator.decorate(element, new IDecoration() {
			@Override
			public void addPrefix(String prefix) {
			}

			@Override
			public void addSuffix(String suffix) {
				suffixes.add(suffix);
			}

			@Override
			public void addOverlay(ImageDescriptor overlay) {
			}

			@Override
			public void addOverlay(ImageDescriptor overlay, int quadrant) {
			}

			@Override
			public void setForegroundColor(Color color) {
			}

			@Override
			public void setBackgroundColor(Color color) {
			}

			@Override
			public void setFont(Font font) {
			}

			@Override
			public IDecorationContext getDecorationContext() {
				return null;
			}
		});
		return suffixes;
	}
}
