package dev.warden.ui.internal.preferences;

import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.eclipse.core.runtime.preferences.InstanceScope;

import dev.warden.ui.internal.Messages;

/**
 * Window &gt; Preferences &gt; Warden &gt; Model: which model Warden talks to.
 */
public final class ModelPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

	public ModelPreferencePage() {
		super(GRID);
	}

	@Override
	public void init(IWorkbench workbench) {
		setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, ModelPreferences.QUALIFIER));
		setDescription(Messages.ModelPage_description);
	}

	@Override
	protected void createFieldEditors() {
		addField(new StringFieldEditor(ModelPreferences.MODEL, Messages.ModelPage_model, getFieldEditorParent()));
	}
}
