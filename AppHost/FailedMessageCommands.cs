namespace SocialPrescribing.AppHost;

/// <summary>
/// Dashboard commands on each service that consumes events: list the messages its consumers gave up
/// on (its <c>_error</c> queues) and, once the cause is fixed, move them back to be handled again.
/// The AppHost calls the service directly with the operator key, which the gateway never forwards.
/// </summary>
internal static class FailedMessageCommands
{
    public static IResourceBuilder<ProjectResource> WithFailedMessageCommands(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> operatorKey, string apiPrefix)
    {
        var path = $"{apiPrefix}/admin/failed-messages";
        async Task AddKey(HttpCommandRequestContext context) =>
            context.Request.Headers.Add("X-Operator-Key", await operatorKey.Resource.GetValueAsync(context.CancellationToken));

        return service
            .WithEnvironment("Operations__Key", operatorKey)
            .WithHttpCommand(path, "List failed messages", commandName: "list-failed-messages", commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Get,
                Description = "Messages this service could not handle after every retry (in its _error queues), with the reason.",
                IconName = "ErrorCircle",
                PrepareRequest = AddKey,
                ResultMode = HttpCommandResultMode.Json,
            })
            .WithHttpCommand($"{path}/replay", "Replay failed messages", commandName: "replay-failed-messages", commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Post,
                Description = "Moves every failed message back to the queue it failed in, to be handled again.",
                ConfirmationMessage = "Replay every failed message of this service? Do this once the cause is fixed.",
                IconName = "ArrowRepeatAll",
                PrepareRequest = AddKey,
                ResultMode = HttpCommandResultMode.Json,
            });
    }
}
