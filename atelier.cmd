@echo off
rem Atelier launcher for Windows: finds a JDK 21+ (JAVA_HOME, PATH, %ProgramFiles%\Java,
rem Eclipse Adoptium, Microsoft), builds target\atelier.jar only when src\main, pom.xml or models\
rem changed since the last build, then starts the window (no arguments) or the command line
rem (atelier generate ...). "atelier test" runs the test suite (mvnw verify) under the same JDK,
rem "atelier build ARGS" runs mvnw -DskipTests package ARGS.
setlocal EnableExtensions EnableDelayedExpansion
set "ROOT=%~dp0"
set "ROOT=%ROOT:~0,-1%"

set "FOUND="
if defined JAVA_HOME call :consider "%JAVA_HOME%"
if not defined FOUND (
  for /f "delims=" %%j in ('where javac 2^>nul') do if not defined FOUND call :consider "%%~dpj.."
)
if not defined FOUND (
  for /d %%d in ("%ProgramFiles%\Java\*" "%ProgramFiles%\Eclipse Adoptium\*" "%ProgramFiles%\Microsoft\jdk-*" "%ProgramFiles%\Zulu\*" "%ProgramFiles%\BellSoft\*") do call :consider "%%~d"
)
if not defined FOUND (
  echo No JDK 21 or newer found ^(looked at JAVA_HOME, PATH, %ProgramFiles%\Java, Eclipse Adoptium, Microsoft^): install one, e.g. from https://adoptium.net 1>&2
  exit /b 1
)
set "JAVA_HOME=%FOUND%"
set "PATH=%JAVA_HOME%\bin;%PATH%"
rem Maven's Guice calls sun.misc.Unsafe: JDK 23+ knows the option that silences the warning (as ./atelier).
if %MAJOR% GEQ 23 set "MAVEN_OPTS=%MAVEN_OPTS% --sun-misc-unsafe-memory-access=allow"

if /i "%~1"=="test" (
  cd /d "%ROOT%"
  call mvnw.cmd verify %2 %3 %4 %5 %6 %7 %8 %9
  exit /b !ERRORLEVEL!
)
rem "atelier build -Ppackage": the app image; "atelier build -Pcuda": the CUDA build.
if /i "%~1"=="build" (
  cd /d "%ROOT%"
  call mvnw.cmd -B -DskipTests package %2 %3 %4 %5 %6 %7 %8 %9
  exit /b !ERRORLEVEL!
)

set "JAR=%ROOT%\target\atelier.jar"
set "JAVAFX=%ROOT%\target\javafx"
rem PowerShell compares the timestamps (batch cannot): exit 1 means build; AppCDS archives older than
rem the jar are removed (the JVM refuses them but does not rewrite them).
powershell -NoProfile -Command "$j = Get-Item -LiteralPath '%JAR%' -ErrorAction SilentlyContinue; if (-not $j -or -not (Test-Path -LiteralPath '%JAVAFX%')) { exit 1 }; $t = $j.LastWriteTime; $newer = Get-ChildItem -LiteralPath '%ROOT%\src\main','%ROOT%\models' -Recurse -File | Where-Object { $_.LastWriteTime -gt $t } | Select-Object -First 1; if ($newer -or (Get-Item -LiteralPath '%ROOT%\pom.xml').LastWriteTime -gt $t) { exit 1 }; Get-ChildItem -Path '%ROOT%\target\atelier-*.jsa' -ErrorAction SilentlyContinue | Where-Object { $_.LastWriteTime -lt $t } | Remove-Item -ErrorAction SilentlyContinue; exit 0"
if errorlevel 1 (
  echo Building Atelier with the JDK in %JAVA_HOME% ^(first start, or the sources changed^)... 1>&2
  pushd "%ROOT%"
  call mvnw.cmd -q -B -DskipTests package
  del /q "%ROOT%\target\atelier-*.jsa" 2>nul
  if errorlevel 1 ( popd & echo Build failed; see the output above. 1>&2 & exit /b 1 )
  popd
)

rem Same options as ./atelier: JavaFX on the module path, native access, no Unsafe warning, AppCDS
rem (one archive for the window, one for generate, one for the other commands; none for -h/-V;
rem ATELIER_CDS=off starts without one).
set "OPTS=--module-path "%JAVAFX%" --add-modules javafx.controls,javafx.swing --enable-native-access=javafx.graphics,ALL-UNNAMED"
if %MAJOR% GEQ 23 set "OPTS=%OPTS% --sun-misc-unsafe-memory-access=allow"
set "CDS=cli"
set "FIRST=%~1"
if not defined FIRST set "CDS=ui"
if /i "%~1"=="ui" set "CDS=ui"
if /i "%~1"=="generate" set "CDS=generate"
if defined FIRST if "!FIRST:~0,1!"=="-" set "CDS="
if /i "%ATELIER_CDS%"=="off" set "CDS="
if defined CDS set "OPTS=%OPTS% -XX:SharedArchiveFile="%ROOT%\target\atelier-!CDS!-jdk%MAJOR%.jsa" -XX:+AutoCreateSharedArchive -Xshare:auto -Xlog:cds*=off"
if defined CDS if %MAJOR% GEQ 24 set "OPTS=%OPTS% -Xlog:aot*=off"
rem generate: one short run whose heavy work is native; C2 costs more CPU at start than it wins back
if /i "%~1"=="generate" set "OPTS=%OPTS% -XX:TieredStopAtLevel=1"
"%JAVA_HOME%\bin\java.exe" %OPTS% -cp "%JAR%" dev.atelier.cli.Main %*
exit /b %ERRORLEVEL%

rem :consider DIR - takes DIR when it holds java.exe and javac.exe of version 21 or newer (its newest so far).
:consider
set "CAND=%~f1"
if not exist "%CAND%\bin\javac.exe" exit /b 0
if not exist "%CAND%\release" exit /b 0
set "V="
for /f "tokens=2 delims==" %%v in ('findstr /b "JAVA_VERSION=" "%CAND%\release"') do set "V=%%~v"
for /f "tokens=1 delims=." %%m in ("%V%") do set "V=%%m"
if not defined V exit /b 0
if %V% LSS 21 exit /b 0
if defined FOUND if %V% LEQ %MAJOR% exit /b 0
set "FOUND=%CAND%"
set "MAJOR=%V%"
exit /b 0
