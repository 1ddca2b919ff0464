# escape=`

FROM mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022 AS build
WORKDIR C:\src
COPY . .
RUN nuget restore MyApp.sln ; `
    msbuild MyApp.sln /p:Configuration=Release `
      /p:OutputPath=C:\out\

FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
WORKDIR C:\inetpub\wwwroot\
COPY --from=build C:\out\_PublishedWebsites\MyApp\ .\
RUN Remove-Item -Recurse C:\inetpub\wwwroot\* ; `
    New-Item -ItemType Directory C:\logs
