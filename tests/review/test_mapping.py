"""Every finding → checklist mapping names an item and option that exist in the core pack."""

from exposure_check.core.packs import load_core_pack
from exposure_check.core.review import findings


def test_every_mapped_item_and_option_exists_in_the_core_pack() -> None:
    pack = load_core_pack()
    items = pack.item_map()
    missing = []
    for key, targets in findings._MAP.items():
        for item_id, option_id in targets:
            item = items.get(item_id)
            if item is None or item.option(option_id) is None:
                missing.append((key, item_id, option_id))
    assert not missing, missing
