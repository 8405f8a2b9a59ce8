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


def run_notebook(page, url: str, ready: str, timeout: int = 120000) -> None:
    """Open the notebook at ``url``, run all its cells, and wait until the JavaScript ``ready``
    expression is true and the kernel is idle again (then close the Run menu if it is still open)."""
    page.goto(url, timeout=90000)
    wait_for_idle_kernel(page)
    run_all_cells(page)
    page.wait_for_function(f"() => {ready}", timeout=timeout)
    page.get_by_text(KERNEL_IDLE).wait_for(timeout=timeout)
    page.keyboard.press("Escape")


def write_notebook(path, *sources: str):
    """A notebook of code cells (one per source) with the Python 3 kernel, written to ``path``."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(notebook, path)
    return path


def use_theme(page, name: str) -> None:
    """Switch JupyterLab's theme from its command palette, as a user can."""
    page.keyboard.press("Control+Shift+C")
    page.keyboard.type(name)
    page.locator(".lm-CommandPalette-item", has_text=name).first.wait_for(timeout=10000)
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.body.dataset.jpThemeName === '{name}'", timeout=30000)
