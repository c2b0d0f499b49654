from exposure_check.ui.main_window import MainWindow


def test_main_window_loads_the_core_pack(qtbot) -> None:
    window = MainWindow(locale="en")
    qtbot.addWidget(window)
    window.show()
    window.start_loading()
    qtbot.waitUntil(lambda: window.pack is not None, timeout=10000)
    assert window.start_button.isEnabled()
    assert "core" in window.pack.id
