//! A combo box over `(value, name)` options, labelled for screen readers and tests, with an
//! optional entry for `None` ("any", "none").

/// Shows the menu; returns whether the user chose another entry.
pub fn choice_ui<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    none: Option<&str>,
    value: &mut Option<T>,
    options: &[(T, &str)],
) -> bool {
    let current = value
        .and_then(|v| options.iter().find(|(o, _)| *o == v))
        .map(|(_, name)| *name)
        .or(none)
        .unwrap_or("")
        .to_string();
    let before = *value;
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(current)
        .height(400.0)
        .show_ui(ui, |ui| {
            if let Some(none) = none {
                ui.selectable_value(value, None, none);
            }
            for (option, name) in options {
                ui.selectable_value(value, Some(*option), *name);
            }
        })
        .response
        .labelled_by(label.id);
    before != *value
}
