from .cli import run_main

if __name__ == "__main__":  # feed parsers start in fresh processes that import __main__ again
    run_main()
