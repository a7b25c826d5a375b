// Copies README.md's library example into this project's src/main/java before it is built, so
// the build compiles and runs exactly the block a reader sees: there is no second copy to drift.
// The example is the one ```java block of README.md with a main method; it must be a complete
// file in the default package declaring the class that pom.xml's example.mainClass names.

def fail = { String why -> throw new IllegalStateException(why) }

File readme = new File(readmePath) // set by gan-examples' pom (invoker scriptVariables)
if (!readme.isFile()) {
    fail("README.md not found at ${readme}; gan-examples' invoker configuration points readmePath at the repository root's README.md")
}
String text = readme.getText('UTF-8').replace('\r\n', '\n')
def programs = (text =~ /(?ms)^```java\n(.*?)^```[ \t]*$/).collect { it[1] }.findAll { it.contains('static void main(') }
if (programs.size() != 1) {
    fail("${readme} should have exactly one ```java block with a main method (the library example that"
            + " gan-examples/src/it/readme-example compiles and runs); found ${programs.size()}")
}
String source = programs[0]

def named = new File(basedir, 'pom.xml').getText('UTF-8') =~ /<example\.mainClass>(\w+)<\/example\.mainClass>/
if (!named.find()) {
    fail("gan-examples/src/it/readme-example/pom.xml should name the example's class in the property example.mainClass")
}
String expected = named.group(1)
def declared = source =~ /(?m)^public\s+(?:final\s+)?class\s+(\w+)/
if (!declared.find()) {
    fail("README.md's library example declares no public class; make it a complete Java file with imports and"
            + " `public class ${expected}` holding main")
}
if (declared.group(1) != expected) {
    fail("README.md's library example declares public class ${declared.group(1)}, but"
            + " gan-examples/src/it/readme-example/pom.xml runs ${expected}; rename one to match the other")
}
if (source =~ /(?m)^package\s/) {
    fail("README.md's library example has a package declaration; leave it out so a reader can compile the file"
            + " where they save it (the consumer project puts it in the default package)")
}

File target = new File(basedir, "src/main/java/${expected}.java")
target.parentFile.mkdirs()
target.setText(source, 'UTF-8')
println "Copied README.md's library example (${source.readLines().size()} lines) to ${target}"
return true
