"""axe-core in the browser (the copy axe-playwright-python ships), serious and critical only."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING = {"serious", "critical"}
_axe = Axe()


def blocking_violations(page, context=None):
    """The serious and critical violations on ``page``, one readable line per node."""
    results = _axe.run(page, context=context)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            found.append(
                f"{violation['impact']} {violation['id']}: {node['target']} "
                f"{node.get('failureSummary', '')}".replace("\n", " ")
            )
    return found
