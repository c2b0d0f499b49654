"""The pure core: packs, conditions, scoring, plan, history, reviewer. No Qt here (a test enforces it)."""
