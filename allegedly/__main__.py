"""``python -m allegedly``: same as the ``allegedly`` command."""

from allegedly.cli import main

if __name__ == "__main__":
    main()
