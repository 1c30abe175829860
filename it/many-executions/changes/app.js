console.log("added");
