using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace SocialPrescribing.OpenApi;

/// <summary>
/// Writes each operation's access rule into the OpenAPI document: <c>x-authorization</c> is
/// <c>public</c>, or the roles and scopes that may call it. Clients read it; the route × role tests
/// are generated from it, so a new route is tested the moment it is documented.
/// </summary>
public sealed class AuthorizationOperationTransformer : IOpenApiOperationTransformer
{
    public const string Extension = "x-authorization";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();

        var rule = new System.Text.Json.Nodes.JsonObject();
        if (authorize.Count == 0 || anonymous)
        {
            rule["access"] = "public";
        }
        else
        {
            var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
            var roles = new List<string>();
            foreach (var data in authorize)
            {
                var policy = data.Policy is null ? await policies.GetDefaultPolicyAsync() : await policies.GetPolicyAsync(data.Policy);
                roles.AddRange(policy?.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles) ?? []);
                roles.AddRange(data.Roles?.Split(',', StringSplitOptions.TrimEntries) ?? []);
            }

            rule["access"] = "signed-in";
            rule["roles"] = new System.Text.Json.Nodes.JsonArray([.. roles.Distinct(StringComparer.Ordinal).Select(r => (System.Text.Json.Nodes.JsonNode)r)]);
        }

        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[Extension] = new JsonNodeExtension(rule);
    }
}
