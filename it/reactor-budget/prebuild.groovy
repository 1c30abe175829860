// Ten input files per module, each naming its module, so that an output in the wrong module would show.
(1..6).each { module ->
    File items = new File(basedir, "module-${module}/src/main/items")
    (1..10).each { item ->
        File file = new File(items, item % 3 == 0 ? "sub/item-${item}.txt" : "item-${item}.txt")
        file.parentFile.mkdirs()
        file.setText("module-${module} item ${item}\n", 'UTF-8')
    }
}
true
