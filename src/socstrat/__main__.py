from socstrat.cli import main

main()
