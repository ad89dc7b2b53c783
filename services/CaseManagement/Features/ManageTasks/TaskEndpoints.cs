using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Features.ManageTasks;

/// <summary>Tasks on the case: set with a due date, marked done.</summary>
public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder api)
    {
        api.MapPost("/tasks", SetTask)
            .WithName("SetTask")
            .WithSummary("Set a task on the case with its due date")
            .WithDescription("Body: { \"description\", \"dueOn\": \"YYYY-MM-DD\" }.")
            .Accepts<TaskRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/tasks/{taskId:guid}/done", CompleteTask)
            .WithName("CompleteTask")
            .WithSummary("Mark a task done")
            .ProducesValidationProblem();
        return api;
    }

public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> SetTask(
        Guid id, [AsParameters] CaseServices services, IOptions<ContactTargets> targets, CancellationToken cancellationToken) =>
        CaseRequests.WithBodyAsync(id, services, "The task has mistakes", body =>
        {
            var description = body.String("description");
            var dueOn = CaseRequests.Required(body.Date("dueOn"), "dueOn", "Say when it is due (YYYY-MM-DD).", body);
            return dueOn is null ? null : () => TaskHandler.SetAsync(services, id, description, targets.Value.EndOfDay(dueOn.Value), cancellationToken);
        }, cancellationToken);

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> CompleteTask(
        Guid id, Guid taskId, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        var result = await TaskHandler.CompleteAsync(services, id, taskId, cancellationToken);
        return await result.ToHttpAsync(services, id, cancellationToken);
    }
}

public sealed record TaskRequest(string Description, DateOnly DueOn);
