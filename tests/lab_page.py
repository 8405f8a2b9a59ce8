"""Driving a notebook page in JupyterLab with Playwright, as the browser and classroom tests do."""

KERNEL_IDLE = "Python 3 (ipykernel) | Idle"


def wait_for_idle_kernel(page, timeout: int = 90000) -> None:
    """Wait for the notebook's kernel to be idle, choosing it if JupyterLab asks which kernel."""
    page.locator(".jp-Notebook").first.wait_for(timeout=timeout)
    idle = page.get_by_text(KERNEL_IDLE)
    choose = page.get_by_role("button", name="Select", exact=True)
    idle.or_(choose).first.wait_for(timeout=timeout)
    if choose.is_visible():
        choose.click()
    idle.wait_for(timeout=timeout)


def run_all_cells(page) -> None:
    """Run → Run All Cells, from the menu bar."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
