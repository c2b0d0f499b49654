"""The Qt desktop UI. Qt is imported only below this package."""
