"""The approach check page: a short red-flag questionnaire about a contact who approached the user,
a low/medium/high rating with reasons, what to do now and where to report. Saved only on request."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ..core.approach import CHANNELS, ApproachResult, assess, questions
from ..core.model import Pack, ReportContact, tr
from .controls import accessible, plain_label, scrolled_page


class ApproachView(QWidget):
    approach_saved = Signal(dict)  # the result, when the user chooses to save it
    assessed = Signal(str)  # the rating, after each assessment

    def __init__(self, pack: Pack, locale: str, parent: QWidget | None = None, *,
                 contact: ReportContact | None = None, can_save: bool = True) -> None:
        super().__init__(parent)
        self.pack = pack
        self.ui_locale = locale
        self.contact = contact
        self.result: ApproachResult | None = None
        lang = "zh_CN" if locale.startswith("zh") else "en"

        _body, layout = scrolled_page(self)
        layout.addWidget(plain_label(self.tr("Approach check"), heading=1))
        layout.addWidget(plain_label(self.tr(
            "Someone you do not know well got in touch. Answer a few questions to see how worrying it "
            "is and what to do now.")))

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("How did they make contact?")))
        self.channel = QComboBox()
        self.channel.addItem(self.tr("Choose…"), "")
        for key, labels in CHANNELS.items():
            self.channel.addItem(labels.get(lang, labels["en"]), key)
        accessible(self.channel, self.tr("How the contact got in touch"))
        row.addWidget(self.channel, 1)
        layout.addLayout(row)

        layout.addWidget(plain_label(self.tr("Did any of these happen?"), heading=3))
        self.flags: dict[str, QCheckBox] = {}
        for flag in questions(pack):
            box = QCheckBox(tr(flag.text, locale))
            accessible(box, tr(flag.text, locale))
            self.flags[flag.id] = box
            layout.addWidget(box)

        layout.addWidget(QLabel(self.tr("Notes (optional, saved only if you save the result):")))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(90)
        accessible(self.notes, self.tr("Notes about the approach"))
        layout.addWidget(self.notes)

        buttons = QHBoxLayout()
        self.assess_button = QPushButton(self.tr("Check"), self)
        accessible(self.assess_button, self.tr("Rate this approach"))
        self.assess_button.clicked.connect(self.run_assessment)
        # Parented at once: showing a parentless button would open it as a window of its own.
        self.save_button = QPushButton(self.tr("Save result to my vault"), self)
        accessible(self.save_button, self.tr("Save this result in the encrypted vault"))
        self.save_button.setEnabled(False)
        self.save_button.setHidden(not can_save)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.assess_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.save_status = plain_label("")
        accessible(self.save_status, self.tr("Whether the result was saved"))
        layout.addWidget(self.save_status)

        self.rating = plain_label("", heading=2)
        layout.addWidget(self.rating)
        self.details = plain_label("", selectable=True)
        accessible(self.details, self.tr("Reasons and what to do now"))
        layout.addWidget(self.details)
        layout.addStretch(1)

    def rating_name(self, rating: str) -> str:
        return {"low": self.tr("Low concern"), "medium": self.tr("Medium concern"),
                "high": self.tr("High concern")}.get(rating, rating)

    def run_assessment(self) -> ApproachResult:
        ticked = {fid for fid, box in self.flags.items() if box.isChecked()}
        result = assess(self.pack, ticked, self.ui_locale, contact=self.contact,
                        channel=self.channel.currentData() or "", notes=self.notes.toPlainText())
        self.result = result
        self.rating.setText(self.rating_name(result.rating))
        lines: list[str] = []
        if result.reasons:
            lines.append(self.tr("Why:"))
            lines += [f"• {r.text} {r.advice}" for r in result.reasons]
        else:
            lines.append(self.tr("None of the red flags you ticked apply. Stay alert."))
        lines.append("")
        lines.append(self.tr("What to do now:"))
        lines += [f"{i}. {a}" for i, a in enumerate(result.actions, 1)]
        if result.contact_name:
            lines.append("")
            lines.append(self.tr("Where to report: %1").replace("%1", result.contact_name))
            lines.append(result.contact_text)
            c = result.contact
            for label, value in ((self.tr("Phone"), c.phone if c else ""),
                                 (self.tr("Email"), c.email if c else ""),
                                 (self.tr("Web"), c.url if c else "")):
                if value:
                    lines.append(f"{label}: {value}")
        self.details.setText("\n".join(lines))
        self.save_button.setEnabled(True)
        self.save_status.setText("")
        self.assessed.emit(result.rating)
        return result

    def save(self) -> None:
        if self.result is not None:
            self.save_button.setEnabled(False)
            self.approach_saved.emit(self.result.to_dict())

    def show_saved(self, _record_id: object = None) -> None:
        self.save_status.setText(self.tr("Saved in your encrypted vault."))

    def show_save_failed(self, exc: BaseException) -> None:
        self.save_status.setText(self.tr("The result could not be saved: %1").replace("%1", str(exc)))
        self.save_button.setEnabled(self.result is not None)


PAGE_KEY = "approach"  # the main window's page key


def page_title() -> str:
    """The page's sidebar title (the main window lists the page before it is built)."""
    return QCoreApplication.translate("ApproachView", "Approach check")


def make_page(session: Any, locale: str, parent: QWidget | None = None) -> tuple[str, str, QWidget] | None:
    """For the main window. The org's security contact comes from policy when the session has one;
    saving is offered only when the session can store approach results."""
    pack = getattr(session, "pack", None)
    if pack is None:
        return None
    saver = getattr(session, "save_approach", None)
    view = ApproachView(pack, locale, parent, contact=getattr(session, "security_contact", None),
                        can_save=callable(saver))
    if callable(saver):
        def save(record: dict[str, Any]) -> None:
            saver(record, on_done=view.show_saved, on_error=view.show_save_failed)

        view.approach_saved.connect(save)
    return PAGE_KEY, page_title(), view


def main() -> int:  # pragma: no cover - for screenshots: python -m exposure_check.ui.approach_view
    from ..core.packs import load_core_pack

    app = QApplication.instance() or QApplication(sys.argv)
    locale = sys.argv[1] if len(sys.argv) > 1 else "en"
    view = ApproachView(load_core_pack(), locale)
    for box in list(view.flags.values())[:2]:
        box.setChecked(True)
    view.run_assessment()
    view.resize(900, 760)
    view.show()
    return app.exec()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
