"""Entry point for ``python -m oauthdoctor``."""

from oauthdoctor.cli.app import run

if __name__ == "__main__":
    run()
