import HeraldCLI

await HeraldCommand.runAndExit()
