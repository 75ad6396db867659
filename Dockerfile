# The host (src/Host) as a container; configured only through environment variables (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Host/YouTubeAnalytics.Host.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV DOTNET_ENVIRONMENT=Production
EXPOSE 8000 4053
ENTRYPOINT ["dotnet", "YouTubeAnalytics.Host.dll"]
