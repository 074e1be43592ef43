using Edge.Gateway.Hosting;

// 1. Options from the command line (checked: a bad value is one line and exit code 1), 2. wire logic + MQTT +
// metrics, 3. serve REST, /healthz and /metrics until Ctrl+C.
var commandLine = new GatewayCommandLine();
System.CommandLine.ParseResult parse = commandLine.Root.Parse(args);
if (parse.Errors.Count > 0 && parse.Tokens.All(t => t.Value is not ("--help" or "-h" or "-?")))
{
    foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
    {
        Console.Error.WriteLine("edge-gateway: " + error.Message);
    }

    Console.Error.WriteLine("edge-gateway: see --help for the options and examples");
    return 1;
}

commandLine.Root.SetAction((result, cancellationToken) => GatewayStartup.RunAsync(commandLine.Bind(result), cancellationToken));
return await parse.InvokeAsync();
