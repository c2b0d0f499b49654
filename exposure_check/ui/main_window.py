"""The main window. Shows at once; loads the pack off the GUI thread after the first paint."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from .. import APP_NAME
from ..core.model import Pack, tr


class _Relay(QObject):
    """Carries a worker thread's result back to the GUI thread."""

    loaded = Signal(object)
    failed = Signal(str)


class MainWindow(QMainWindow):
    def __init__(self, locale: str = "en") -> None:
        super().__init__()
        self.ui_locale = "zh_CN" if locale.startswith("zh") else "en"
        self.pack: Pack | None = None
        self.setWindowTitle(APP_NAME)
        self.resize(900, 640)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.title = QLabel(f"<h1>{APP_NAME}</h1>", central)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel(self.tr("Loading the checklist…"), central)
        self.status.setAccessibleName(self.tr("Checklist status"))
        self.start_button = QPushButton(self.tr("Start the check"), central)
        self.start_button.setEnabled(False)
        self.start_button.setAccessibleName(self.tr("Start the check"))
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.start_button)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self._relay = _Relay(self)
        self._relay.loaded.connect(self._on_loaded)
        self._relay.failed.connect(self._on_failed)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pack")

    def start_loading(self) -> None:
        from ..core.packs import load_core_pack

        future = self._pool.submit(load_core_pack)
        future.add_done_callback(self._done)

    def _done(self, future: Future[Pack]) -> None:
        exc = future.exception()
        if exc is not None:
            self._relay.failed.emit(str(exc))
        else:
            self._relay.loaded.emit(future.result())

    def _on_loaded(self, pack: Pack) -> None:
        self.pack = pack
        self.status.setText(self.tr("Checklist: {name}, version {version}, {count} questions").format(
            name=tr(pack.name, self.ui_locale), version=pack.version, count=len(pack.items)))
        self.start_button.setEnabled(True)

    def _on_failed(self, message: str) -> None:
        self.status.setText(self.tr("The checklist could not be loaded:\n{message}").format(
            message=message))

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt name)
        self._pool.shutdown(wait=False, cancel_futures=True)
        super().closeEvent(event)  # type: ignore[arg-type]
