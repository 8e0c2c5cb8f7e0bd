package dev.warden.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.IDecoration;
import org.eclipse.jface.viewers.IDecorationContext;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
