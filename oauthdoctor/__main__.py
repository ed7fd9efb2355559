"""Entry point for ``python -m oauthdoctor``."""

from oauthdoctor.cli.app import main

if __name__ == "__main__":
    main()
