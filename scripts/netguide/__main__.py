"""`python -m netguide`: the translators' command line tool."""

from .cli import main

main()
